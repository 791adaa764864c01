"""全周期档案: everything that happened to a task."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from progress.access import (
    units_for,
)
from progress.models import CoInput, ProgressReport, ReportVersion
from targets.access import access_task
from targets.models import Assignment

State = ProgressReport.State


# ---- 全周期档案 -------------------------------------------------------------------------------------------


@login_required
def task_timeline(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    versions = ReportVersion.objects.filter(report__task=task).select_related(
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
            "reports": ProgressReport.objects.filter(task=task)
            .select_related("unit", "period")
            .order_by("-period__due_date"),
            "my_lead_units": units_for(request.user, task, role=Assignment.Role.LEAD),
        },
    )
