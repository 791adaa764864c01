"""One report and its actions (sign-off, accept, return), its evidence, and the office's review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
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


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    regions = review_regions(request.user)
    reports = ProgressReport.objects.filter(state=State.FILED).select_related(
        "task", "unit", "period", "filed_by"
    )
    plans = Plan.objects.filter(status=Plan.Status.ACTIVE).select_related("region")
    periods = Period.objects.filter(locked=False, lock_date__lt=clock.today()).select_related("plan__region")
    if regions is not None:
        reports = reports.filter(task__plan__region_id__in=regions)
        plans = plans.filter(region_id__in=regions)
        periods = periods.filter(plan__region_id__in=regions)
    reports = reports.annotate(
        co_count=Count("task__co_inputs", filter=Q(task__co_inputs__period=F("period")))
    ).order_by("period__due_date", "task__seq", "unit__name")
    active_plans = list(plans)
    warnings = [(plan, services.missing_holiday_years(plan)) for plan in active_plans]
    stuck = services.stuck_signoffs(region_ids=regions)
    stuck_plan_ids = {pk for s in stuck for pk in s.plan_ids}
    return render(
        request,
        "progress/review_queue.html",
        {
            "reports": reports,
            "closable": periods.order_by("lock_date"),
            "warnings": [(p, years) for p, years in warnings if years],
            "stuck": stuck,
            "stuck_plans": [p for p in active_plans if p.pk in stuck_plan_ids],
            "today": clock.today(),
            "can_assign_roles": can_assign_roles(request.user),
        },
    )


@require_POST
@login_required
def close_period(request: HttpRequest, period_id: int) -> HttpResponse:
    period = access_period(request.user, period_id, for_action=Action.REVIEW)
    services.close_period_review(period=period, by=request.user)
    messages.success(
        request, _("The review of %(period)s is closed; the period is locked.") % {"period": period}
    )
    return redirect(_next_or(request, reverse("progress:review_queue")))
