"""One report and its actions (sign-off, accept, return), its evidence, and the office's review queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from progress import clock, services
from progress.access import (
    Action,
    access_evidence,
    access_period,
    access_report,
    can_assign_roles,
    report_offers,
    review_regions,
)
from progress.forms import ReviewForm, VersionForm
from progress.hints import Hint, report_hints
from progress.models import CoInput, Period, ProgressReport
from progress.services import ReportChanged, ReportInvalid, ReportStateError
from progress.views.common import _next_or
from targets.models import Plan

State = ProgressReport.State

# ---- one report, and its actions ---------------------------------------------------------------------------


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_action=Action.READ)
    offers = report_offers(request.user, report)
    return render(
        request,
        "progress/report_detail.html",
        {
            "report": report,
            "readings": report.readings.select_related("indicator"),
            "evidence": report.evidence.all(),
            "versions": report.versions.select_related("by").order_by("-number"),
            "co_inputs": CoInput.objects.filter(task=report.task, period=report.period).select_related(
                "unit", "by"
            ),
            "can_review": offers.review,
            "can_sign_off": offers.sign_off,
            "can_edit": offers.edit,
            "can_reopen": offers.reopen,
            "hints": _reviewer_hints(report) if offers.review or offers.sign_off else [],
            "review_form": ReviewForm(initial={"version": report.version}),
        },
    )


def _reviewer_hints(report: ProgressReport) -> list[Hint]:
    """The same hints the liaison saw while writing, for the one deciding on the report."""
    previous = services.previous_report(task=report.task, unit=report.unit, period=report.period)
    same_kind = previous if previous is not None and previous.period.kind == report.period.kind else None
    return report_hints(
        report.text,
        has_indicators=report.task.indicators.exists(),
        readings_given=report.readings.filter(value__isnull=False).exists(),
        previous_text=same_kind.text if same_kind and not report.no_change else None,
    )


def _review_action(request: HttpRequest, report_id: int, verb: str) -> HttpResponse:
    """Accept or return. From the queue's htmx forms the answer is the row, done, in place."""
    report = access_report(request.user, report_id, for_action=Action.REVIEW)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment") or ""
    version = form.cleaned_data.get("version")
    error = done = ""
    changed = False
    try:
        if verb == "accept":
            report = services.accept_report(report=report, by=request.user, version=version, comment=comment)
            done = _("Accepted: %(report)s") % {"report": report}
        else:
            report = services.return_report(report=report, by=request.user, version=version, comment=comment)
            done = _("Returned to the unit: %(report)s") % {"report": report}
    except ReportInvalid as e:
        error = " ".join(m for ms in e.errors.values() for m in ms)
    except ReportChanged as e:
        report, changed = e.current, True
        error = _("The unit changed this report while you were reading it; read the new version.")
    except ReportStateError as e:
        error = e.message
    if request.headers.get("HX-Request"):
        return render(request, "progress/_review_row.html", {"report": report, "done": done, "error": error})
    if error:
        messages.error(request, error)
        if changed:
            return redirect("progress:report_detail", report_id=report_id)
    else:
        messages.success(request, done)
    return redirect(_next_or(request, reverse("progress:review_queue")))


@require_POST
@login_required
def accept(request: HttpRequest, report_id: int) -> HttpResponse:
    return _review_action(request, report_id, "accept")


@require_POST
@login_required
def return_report(request: HttpRequest, report_id: int) -> HttpResponse:
    return _review_action(request, report_id, "return")


@require_POST
@login_required
def sign_off(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_action=Action.SIGN_OFF)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.sign_off(report=report, by=request.user, version=form.cleaned_data.get("version"))
    except ReportChanged:
        messages.error(
            request, _("The liaison changed this report while you were reading it; read the new version.")
        )
        return redirect("progress:report_detail", report_id=report_id)
    except ReportStateError as e:
        messages.error(request, e.message)
        return redirect("progress:report_detail", report_id=report_id)
    messages.success(request, _("Signed off; the report went to the supervision office."))
    return redirect(_next_or(request, reverse("progress:workspace")))


@login_required
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = access_evidence(request.user, evidence_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )


# ---- the supervision office ------------------------------------------------------------------------------


REVIEW_PAGE = 50  # reports on one page of the review queue


@dataclass(frozen=True)
class QueueFilter:
    """What the office narrows the review queue to: a unit, a period, and the page."""

    unit: int | None
    period: int | None
    page: int

    @classmethod
    def of(cls, request: HttpRequest) -> QueueFilter:
        def number(name: str) -> int | None:
            value = request.GET.get(name, "")
            return int(value) if value.isdigit() else None

        return cls(number("unit"), number("period"), max(number("page") or 1, 1))


def _queue_counts(reports: QuerySet[ProgressReport]) -> dict[str, Any]:
    """How many reports wait, in all, per period and per unit — from one aggregate query."""
    rows = reports.values(
        "period_id", "period__kind", "period__start", "period__due_date", "unit_id", "unit__name"
    ).annotate(n=Count("pk"))
    periods: dict[int, dict[str, Any]] = {}
    units: dict[int, dict[str, Any]] = {}
    pairs: dict[tuple[int, int], int] = {}
    for row in rows:
        label = Period(kind=row["period__kind"], start=row["period__start"]).label
        period = periods.setdefault(
            row["period_id"], {"id": row["period_id"], "due": row["period__due_date"], "n": 0, "label": label}
        )
        period["n"] += row["n"]
        unit = units.setdefault(row["unit_id"], {"id": row["unit_id"], "name": row["unit__name"], "n": 0})
        unit["n"] += row["n"]
        pairs[(row["period_id"], row["unit_id"])] = row["n"]
    return {
        "total": sum(pairs.values()),
        "pairs": pairs,
        "periods": sorted(periods.values(), key=lambda p: (p["due"], p["id"])),
        "units": sorted(units.values(), key=lambda u: (u["name"], u["id"])),
    }


def _with_co_counts(page: list[ProgressReport]) -> list[ProgressReport]:
    """Each listed report's number of co-unit inputs for its period (one query for the page)."""
    counts = {
        (row["task_id"], row["period_id"]): row["n"]
        for row in CoInput.objects.filter(
            task_id__in={r.task_id for r in page}, period_id__in={r.period_id for r in page}
        )
        .values("task_id", "period_id")
        .annotate(n=Count("pk"))
    }
    for r in page:
        r.co_count = counts.get((r.task_id, r.period_id), 0)  # type: ignore[attr-defined]
    return page


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Filed reports waiting for the office, oldest first, a page at a time, narrowed by unit or period."""
    regions = review_regions(request.user)
    chosen = QueueFilter.of(request)
    waiting = ProgressReport.objects.filter(state=State.FILED)
    plans = Plan.objects.filter(status=Plan.Status.ACTIVE).select_related("region")
    periods = Period.objects.filter(locked=False, lock_date__lt=clock.today()).select_related("plan__region")
    if regions is not None:
        waiting = waiting.filter(task__plan__region_id__in=regions)
        plans = plans.filter(region_id__in=regions)
        periods = periods.filter(plan__region_id__in=regions)
    counts = _queue_counts(waiting)
    shown = waiting
    if chosen.unit:
        shown = shown.filter(unit_id=chosen.unit)
    if chosen.period:
        shown = shown.filter(period_id=chosen.period)
    matching = _matching(counts, chosen)
    pages = max((matching - 1) // REVIEW_PAGE + 1, 1)
    page_no = min(chosen.page, pages)
    first = (page_no - 1) * REVIEW_PAGE
    page = list(
        shown.select_related("task", "unit", "period", "filed_by").order_by(
            "period__due_date", "filed_at", "pk"
        )[first : first + REVIEW_PAGE]
    )
    active_plans = list(plans)
    warnings = [(plan, services.missing_holiday_years(plan)) for plan in active_plans]
    stuck = services.stuck_signoffs(region_ids=regions)
    stuck_plan_ids = {pk for s in stuck for pk in s.plan_ids}
    return render(
        request,
        "progress/review_queue.html",
        {
            "reports": _with_co_counts(page),
            "counts": counts,
            "chosen": chosen,
            "matching": matching,
            "page_no": page_no,
            "pages": pages,
            "first_shown": first + 1 if page else 0,
            "last_shown": first + len(page),
            "filter_query": _filter_query(chosen),
            "closable": periods.order_by("lock_date"),
            "warnings": [(p, years) for p, years in warnings if years],
            "stuck": stuck,
            "stuck_plans": [p for p in active_plans if p.pk in stuck_plan_ids],
            "today": clock.today(),
            "can_assign_roles": can_assign_roles(request.user),
        },
    )


def _matching(counts: dict[str, Any], chosen: QueueFilter) -> int:
    """How many waiting reports the chosen unit and period leave (from the aggregate's pairs)."""
    return sum(
        n
        for (period_id, unit_id), n in counts["pairs"].items()
        if (chosen.unit in (None, unit_id)) and (chosen.period in (None, period_id))
    )


def _filter_query(chosen: QueueFilter) -> str:
    """The chosen unit and period as a query string for the pager's links."""
    return urlencode({k: v for k, v in (("unit", chosen.unit), ("period", chosen.period)) if v})


@require_POST
@login_required
def close_period(request: HttpRequest, period_id: int) -> HttpResponse:
    period = access_period(request.user, period_id, for_action=Action.REVIEW)
    services.close_period_review(period=period, by=request.user)
    messages.success(
        request, _("The review of %(period)s is closed; the period is locked.") % {"period": period}
    )
    return redirect(_next_or(request, reverse("progress:review_queue")))
