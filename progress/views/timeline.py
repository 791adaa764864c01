"""全周期档案: everything that happened to a task, and its reports side by side, one column per unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from orgs.models import Unit
from progress.access import report_filter, units_for
from progress.models import CoInput, Period, ProgressReport, ReportVersion
from targets.access import access_task
from targets.models import Assignment


@dataclass(frozen=True)
class SideBySide:
    """Periods down, reporting units across: a task given to 各镇（街道） shows every town's report at once."""

    units: list[Unit]
    rows: list[tuple[Period, list[ProgressReport | None]]]


def side_by_side(reports: list[ProgressReport]) -> SideBySide:
    units = sorted({r.unit_id: r.unit for r in reports}.values(), key=lambda u: u.name)
    periods = sorted(
        {r.period_id: r.period for r in reports}.values(), key=lambda p: p.due_date, reverse=True
    )
    cell = {(r.period_id, r.unit_id): r for r in reports}
    rows = [(p, [cell.get((p.pk, u.pk)) for u in units]) for p in periods]
    return SideBySide(units, rows)


@login_required
def task_timeline(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    readable = report_filter(request.user)
    reports_qs = ProgressReport.objects.filter(task=task)
    if readable is not None:
        reports_qs = reports_qs.filter(readable)
    reports = list(reports_qs.select_related("unit", "period").order_by("-period__due_date", "unit__name"))
    versions = ReportVersion.objects.filter(report__in=[r.pk for r in reports]).select_related(
        "report__unit", "report__period"
    )
    co_inputs = CoInput.objects.filter(task=task).select_related("unit", "period")
    entries: list[dict[str, Any]] = [
        {"at": v.at, "kind": "version", "version": v, "report": v.report} for v in versions
    ] + [{"at": c.at, "kind": "co_input", "co": c} for c in co_inputs]
    entries.sort(key=lambda e: e["at"], reverse=True)
    return render(
        request,
        "progress/task_timeline.html",
        {
            "task": task,
            "entries": entries,
            "assignments": Assignment.objects.filter(task=task)
            .select_related("unit")
            .order_by("-role", "order"),
            "reports": reports,
            "grid": side_by_side(reports),
            "my_lead_units": units_for(request.user, task, role=Assignment.Role.LEAD),
        },
    )
