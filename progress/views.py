"""Pages of the reporting loop. Each view reads top to bottom: access → form → service → redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orgs.roles import roles_of
from progress import clock, services
from progress.access import (
    Action,
    access_calendar,
    access_evidence,
    access_period,
    access_report,
    access_reporting,
    review_regions,
    units_for,
)
from progress.due import due_for
from progress.forms import CalendarForm, CoInputForm, HolidayForm, ReportForm, ReviewForm, VersionForm
from progress.models import CalendarConfig, CoInput, Period, ProgressReport, ReportVersion
from progress.rules import ROUTINE_KINDS, SUMMARY_MAX_CHARS, SUMMARY_MIN_CHARS
from progress.services import ReportChanged, ReportInvalid, ReportStateError
from targets.access import access_task
from targets.models import Assignment, Plan

State = ProgressReport.State


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# ---- 我的待办 ------------------------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    rows = due_for(request.user, today=today)
    confirmable = _tasks_with_earlier_reports(rows)
    recent = (
        ProgressReport.objects.filter(
            unit_id__in=roles_of(request.user).member_units,
            state__in=[State.FILED, State.PENDING_SIGNOFF, State.ACCEPTED],
        )
        .select_related("task", "period", "unit")
        .order_by("-filed_at")[:10]
    )
    return render(
        request,
        "progress/workspace.html",
        {
            "rows": rows,
            "entries": [(r, (r.task.pk, r.period.pk) in confirmable) for r in rows],
            "today": today,
            "overdue_count": sum(1 for r in rows if r.item.overdue),
            "recent": recent,
        },
    )


def _tasks_with_earlier_reports(rows: list[Any]) -> set[tuple[int, int]]:
    """(task, period) pairs that may be confirmed as unchanged: routine, not filed, an earlier report."""
    candidates = [r for r in rows if r.item.action == "file" and r.period.kind in ROUTINE_KINDS]
    if not candidates:
        return set()
    earlier = ProgressReport.objects.filter(
        task_id__in={r.task.pk for r in candidates},
        unit_id__in={r.unit.pk for r in candidates},
        period__kind__in=ROUTINE_KINDS,
    ).values_list("task_id", "unit_id", "period__due_date")
    first_due: dict[tuple[int, int], Any] = {}
    for task_id, unit_id, due in earlier:
        key = (task_id, unit_id)
        first_due[key] = min(due, first_due.get(key, due))
    return {
        (r.task.pk, r.period.pk)
        for r in candidates
        if (r.task.pk, r.unit.pk) in first_due and first_due[(r.task.pk, r.unit.pk)] < r.period.due_date
    }


# ---- the report form ------------------------------------------------------------------------------------


def _initial(
    report: ProgressReport | None, previous: ProgressReport | None, period: Period
) -> dict[str, Any]:
    """The form starts from this period's report, else from the unit's last report (never ask twice).
    Text is carried over only from a report of the same kind: a summary is not last month's note."""
    source = report or previous
    if source is None:
        return {}
    initial: dict[str, Any] = {"status": source.status, "percent": source.percent}
    if report is not None or source.period.kind == period.kind:
        initial["text"] = source.text
    for r in source.readings.all():
        initial[f"reading_{r.indicator_id}"] = r.value
        initial[f"note_{r.indicator_id}"] = r.note
    initial["version"] = report.version if report else None
    return initial


@login_required
def report_form(request: HttpRequest, task_id: int, period_id: int) -> HttpResponse:
    r = access_reporting(request.user, task_id, period_id, for_action=Action.FILE)
    task, period, unit = r.task, r.period, r.unit
    assert unit is not None  # noqa: S101 -- narrows the type: access_reporting for FILE/CO_INPUT returns the user's unit or raises 403
    report = (
        ProgressReport.objects.filter(task=task, unit=unit, period=period)
        .select_related("period", "unit", "reviewed_by", "filed_by")
        .prefetch_related("readings", "evidence")
        .first()
    )
    previous = services.previous_report(task=task, unit=unit, period=period)
    indicators = list(task.indicators.all())
    conflict: ProgressReport | None = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, indicators=indicators, kind=period.kind)
        if form.is_valid():
            try:
                saved = services.file_report(
                    task=task,
                    unit=unit,
                    period=period,
                    by=request.user,
                    status=form.cleaned_data["status"],
                    percent=form.cleaned_data["percent"],
                    text=form.cleaned_data["text"],
                    readings=form.readings(),
                    evidence=form.cleaned_data["evidence"],
                    version=form.cleaned_data["version"],
                )
            except ReportInvalid as e:
                form.add_service_errors(e.errors)
            except ReportStateError as e:
                form.add_error(None, e.message)
            except ReportChanged as e:
                conflict = e.current
                data = request.POST.copy()
                data["version"] = str(conflict.version)
                form = ReportForm(data, indicators=indicators, kind=period.kind)
                form.is_valid()
                report = conflict
            else:
                if saved.state == State.PENDING_SIGNOFF:
                    messages.success(
                        request, _("Report saved; it now waits for your unit leader's sign-off.")
                    )
                else:
                    messages.success(request, _("Report filed with the supervision office."))
                return redirect("progress:workspace")
    else:
        form = ReportForm(initial=_initial(report, previous, period), indicators=indicators, kind=period.kind)
    return render(
        request,
        "progress/report_form.html",
        {
            "task": task,
            "period": period,
            "unit": unit,
            "report": report,
            "previous": previous,
            "form": form,
            "conflict": conflict,
            "co_inputs": CoInput.objects.filter(task=task, period=period).select_related("unit", "by"),
            "is_summary": period.is_summary,
            "min_chars": SUMMARY_MIN_CHARS,
            "max_chars": SUMMARY_MAX_CHARS,
            "can_confirm": period.kind in ROUTINE_KINDS and previous is not None and report is None,
            "readonly": (report is not None and not report.editable) or period.locked,
            "needs_signoff": services.needs_signoff(unit=unit, period=period),
        },
    )


@require_POST
@login_required
def no_change(request: HttpRequest, task_id: int, period_id: int) -> HttpResponse:
    r = access_reporting(request.user, task_id, period_id, for_action=Action.FILE)
    assert r.unit is not None  # noqa: S101 -- narrows the type: access_reporting for FILE/CO_INPUT returns the user's unit or raises 403
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.confirm_no_change(
            task=r.task,
            unit=r.unit,
            period=r.period,
            by=request.user,
            version=form.cleaned_data.get("version"),
        )
    except ReportInvalid as e:
        messages.error(request, " ".join(m for ms in e.errors.values() for m in ms))
        return redirect("progress:report_form", task_id=task_id, period_id=period_id)
    except (ReportChanged, ReportStateError):
        messages.error(request, _("This report was filed or changed meanwhile; check it below."))
        return redirect("progress:report_form", task_id=task_id, period_id=period_id)
    messages.success(request, _("Confirmed: no change since the last report."))
    return redirect(_next_or(request, reverse("progress:workspace")))


@login_required
def co_input(request: HttpRequest, task_id: int, period_id: int) -> HttpResponse:
    r = access_reporting(request.user, task_id, period_id, for_action=Action.CO_INPUT)
    assert r.unit is not None  # noqa: S101 -- narrows the type: access_reporting for FILE/CO_INPUT returns the user's unit or raises 403
    form = CoInputForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_co_input(
                task=r.task, period=r.period, unit=r.unit, by=request.user, text=form.cleaned_data["text"]
            )
        except ReportInvalid as e:
            for field, ms in e.errors.items():
                for m in ms:
                    form.add_error(field if field in form.fields else None, m)
        except ReportStateError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Your input was added to the lead unit's report."))
            return redirect("progress:workspace")
    lead_reports = ProgressReport.objects.filter(task=r.task, period=r.period).select_related("unit")
    return render(
        request,
        "progress/co_input.html",
        {
            "task": r.task,
            "period": r.period,
            "unit": r.unit,
            "form": form,
            "lead_reports": lead_reports,
            "co_inputs": CoInput.objects.filter(task=r.task, period=r.period).select_related("unit", "by"),
        },
    )


# ---- one report, and its actions ---------------------------------------------------------------------------


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_action=Action.READ)
    roles = roles_of(request.user)
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
            "can_review": roles.supervises(report.task.plan.region_id) and report.state == State.FILED,
            "can_sign_off": report.unit_id in roles.unit_leader_units
            and report.state == State.PENDING_SIGNOFF,
            "can_edit": report.unit_id in roles.liaison_units and report.editable,
            "review_form": ReviewForm(initial={"version": report.version}),
        },
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


@login_required
def calendar_settings(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_calendar(
        request.user, plan_id, for_action=Action.REVIEW if request.method == "POST" else Action.READ
    )
    if request.method == "POST":
        own = CalendarConfig.objects.filter(plan=plan).first() or CalendarConfig(
            region=plan.region, plan=plan
        )
        form = CalendarForm(request.POST, instance=own)
        if form.is_valid():
            services.save_calendar_config(plan=plan, by=request.user, values=form.cleaned_data)
            messages.success(request, _("Calendar saved; due dates of open periods were recomputed."))
            return redirect("progress:calendar", plan_id=plan.pk)
    else:
        form = CalendarForm(instance=services.calendar_config(plan))
    if not plan.periods.exists():
        services.ensure_periods(plan=plan, by=request.user)
    missing = services.missing_holiday_years(plan)
    return render(
        request,
        "progress/calendar.html",
        {
            "plan": plan,
            "form": form,
            "holiday_form": HolidayForm(initial={"year": missing[0] if missing else plan.year + 1}),
            "periods": plan.periods.order_by("due_date", "kind"),
            "missing": missing,
            "can_edit": roles_of(request.user).supervises(plan.region_id),
            "holiday_years": plan.region.holiday_years.order_by("year"),
        },
    )


@require_POST
@login_required
def holidays(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_calendar(request.user, plan_id, for_action=Action.REVIEW)
    form = HolidayForm(request.POST)
    if form.is_valid():
        services.save_holiday_year(
            region=plan.region,
            year=form.cleaned_data["year"],
            holidays=form.cleaned_data["holidays_dates"],
            workdays=form.cleaned_data["workdays_dates"],
            by=request.user,
        )
        messages.success(
            request,
            _("Holidays of %(year)d saved; due dates were recomputed.") % {"year": form.cleaned_data["year"]},
        )
    else:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    return redirect("progress:calendar", plan_id=plan.pk)


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
