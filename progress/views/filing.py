"""我的待办 and the report form: the liaison files, confirms "no change", adds a co-unit's part."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orgs.models import Unit
from progress import clock, services
from progress.access import (
    Action,
    access_co_unit_period,
    access_reporting,
    own_unit_reports,
)
from progress.counits import confirm_nothing_to_add
from progress.due import DueRow, due_rendered
from progress.forms import CoInputForm, ReportForm, VersionForm
from progress.hints import Hint, report_hints
from progress.models import CoInput, Evidence, IndicatorReading, Period, ProgressReport
from progress.rules import ROUTINE_KINDS, SUMMARY_MAX_CHARS, SUMMARY_MIN_CHARS, no_change_refusal
from progress.services import ReportChanged, ReportInvalid, ReportStateError
from progress.views import due_html
from progress.views.common import _next_or
from targets.models import Indicator, Task

State = ProgressReport.State

# ---- 我的待办 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoGroup:
    """A period's co-unit items of one unit: answered together by "本期无协办事项"."""

    period: Period
    unit: Unit
    rows: list[DueRow]

    @property
    def items_html(self) -> SafeString:
        return due_html.co_unit_items(self.rows)


def _co_groups(rows: list[DueRow]) -> list[CoGroup]:
    groups: dict[tuple[int, int], CoGroup] = {}
    for row in rows:
        key = (row.period.pk, row.unit.pk)
        if key not in groups:
            groups[key] = CoGroup(row.period, row.unit, [])
        groups[key].rows.append(row)
    return list(groups.values())


def _two_ids(name: str) -> Callable[[int, int], str]:
    """A URL with two ids, reversed once per page and filled in per line: a few hundred reverse() calls
    were a fifth of 我的待办's time."""
    first, second = 1_000_000_007, 1_000_000_009  # sentinels no real id reaches
    head, rest = reverse(name, args=[first, second]).split(str(first))
    middle, tail = rest.split(str(second))
    return lambda a, b: f"{head}{a}{middle}{b}{tail}"


def _with_links(rows: list[DueRow]) -> list[DueRow]:
    form, co, no_change = (_two_ids(f"progress:{n}") for n in ("report_form", "co_input", "no_change"))
    out = []
    for row in rows:
        action, task, period = row.item.action, row.task.pk, row.period.pk
        if action == "sign_off" and row.report is not None:
            url = reverse("progress:report_detail", args=[row.report.pk])
        else:
            url = (co if action == "co_input" else form)(task, period)
        out.append(replace(row, url=url, no_change_url=no_change(task, period) if row.item.no_change else ""))
    return out


# The list's forms carry this in place of the CSRF token: the rendered list is kept for every request of its
# user (progress.due.due_rendered), the token is each request's own (a log-in rotates it).
CSRF_MARK = "csrf-7c1e0d5b-mark"


def _due_list(request: HttpRequest, rows: list[DueRow], today: Any) -> bytes:
    """The page's body: the notices to answer, the lines due, the reports filed recently."""
    rows = _with_links(rows)
    recent = (
        own_unit_reports(request.user)
        .filter(state__in=[State.FILED, State.PENDING_SIGNOFF, State.ACCEPTED])
        .select_related("task", "period", "unit")
        .only(
            "id",
            "state",
            "filed_at",
            "task__seq",
            "task__text",
            "period__kind",
            "period__start",
            "unit__name",
        )
        .order_by("-filed_at")[:10]
    )
    returned = [r for r in rows if r.item.action == "fix"]
    lead = [r for r in rows if r.item.action in ("file", "sign_off")]
    context = {
        "request": request,  # for the notices' tag: who is asking
        "rows": rows,
        "returned": returned,
        "returned_html": due_html.returned_rows(returned),
        "lead": lead,
        "lead_html": due_html.lead_rows(lead, CSRF_MARK),
        "co_groups": _co_groups([r for r in rows if r.item.action == "co_input"]),
        "today": today,
        "overdue_count": sum(1 for r in rows if r.item.overdue),
        "recent": recent,
        "csrf_token": CSRF_MARK,
    }
    return render_to_string("progress/_due_list.html", context).encode()


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """我的待办: kept rendered for as long as the user's list holds (progress.due): a report of the user's
    units, a notice or any other kind of event renders it again. The whole page is kept (the frame names the
    user and their menu: a change to either is an event too), except when a message waits to be shown or the
    address has a query (the language switch sends it back): then the frame is rendered around the kept body."""
    today = clock.today()
    language = get_language()
    if not request.GET and not len(messages.get_messages(request)):
        page = due_rendered(
            request.user,
            today=today,
            name=f"whole-{language}",
            render=lambda rows: _whole_page(request, rows, today),
        )
        return HttpResponse(_with_token(request, page))
    body = due_rendered(
        request.user,
        today=today,
        name=f"page-{language}",
        render=lambda rows: _due_list(request, rows, today),
    )
    return render(request, "progress/workspace.html", {"due_list": mark_safe(_with_token(request, body))})  # noqa: S308 rendered by us


def _whole_page(request: HttpRequest, rows: list[DueRow], today: Any) -> bytes:
    body = mark_safe(_due_list(request, rows, today).decode())  # noqa: S308 rendered by us
    context = {"due_list": body, "csrf_token": CSRF_MARK}  # the frame's forms carry the marker too
    return render_to_string("progress/workspace.html", context, request=request).encode()


def _with_token(request: HttpRequest, rendered: bytes) -> str:
    """A kept rendering with this request's CSRF token in place of the marker (and its cookie set)."""
    return rendered.decode().replace(CSRF_MARK, get_token(request))


@require_POST
@login_required
def nothing_to_add(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period, unit = access_co_unit_period(request.user, period_id, unit_id)
    try:
        created = confirm_nothing_to_add(unit=unit, period=period, by=request.user, today=clock.today())
    except ReportStateError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request,
            ngettext(
                "Recorded for %(n)d co-unit task: nothing to add this period.",
                "Recorded for %(n)d co-unit tasks: nothing to add this period.",
                len(created),
            )
            % {"n": len(created)},
        )
    return redirect("progress:workspace")


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


def _no_change_allowed(task: Task, unit: Unit, period: Period, previous: ProgressReport | None) -> bool:
    """The same rule as the service's: a routine period that is over, last report accepted."""
    if previous is not None and previous.period.kind not in ROUTINE_KINDS:
        previous = services.previous_report(task=task, unit=unit, period=period, routine_only=True)
    refusal = no_change_refusal(
        kind=period.kind,
        period_end=period.end,
        previous_state=previous.state if previous else None,
        today=clock.today(),
    )
    return refusal is None


def _indicators(task: Task) -> list[Indicator]:
    """The task's indicators in their order (the default order would join the task, its plan and region)."""
    return list(task.indicators.order_by("order", "pk"))


def _this_report(task: Task, unit: Unit, period: Period) -> ProgressReport | None:
    """The unit's report for the period, with what the form shows of it (task, unit and period are the
    ones in hand). By its key: the default order would join the period and the task for one row."""
    report = (
        ProgressReport.objects.filter(task=task, unit=unit, period=period)
        .select_related("reviewed_by", "filed_by")
        .prefetch_related(
            Prefetch("readings", queryset=IndicatorReading.objects.order_by()),
            Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk")),
        )
        .order_by("pk")
        .first()
    )
    if report is not None:
        report.task, report.unit, report.period = task, unit, period
    return report


@login_required
def report_form(request: HttpRequest, task_id: int, period_id: int) -> HttpResponse:
    r = access_reporting(request.user, task_id, period_id, for_action=Action.FILE)
    task, period, unit = r.task, r.period, r.unit
    assert unit is not None
    indicators = _indicators(task)
    conflict: ProgressReport | None = None
    report: ProgressReport | None
    if request.method == "POST":
        # The report and the last one are read only to show the form again: a filing that goes through
        # reads what it needs itself, in its transaction.
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
            else:
                if saved.state == State.PENDING_SIGNOFF:
                    messages.success(
                        request, _("Report saved; it now waits for your unit leader's sign-off.")
                    )
                else:
                    messages.success(request, _("Report filed with the supervision office."))
                return redirect("progress:workspace")
        report = conflict or _this_report(task, unit, period)
        previous = services.previous_report(task=task, unit=unit, period=period)
    else:
        report = _this_report(task, unit, period)
        previous = services.previous_report(task=task, unit=unit, period=period)
        form = ReportForm(initial=_initial(report, previous, period), indicators=indicators, kind=period.kind)
    co_inputs = CoInput.objects.filter(task=task, period=period).select_related("unit").order_by("at", "pk")
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
            "co_inputs": co_inputs,  # the task's and period's: by time (the default order joins both)
            "is_summary": period.is_summary,
            "min_chars": SUMMARY_MIN_CHARS,
            "max_chars": SUMMARY_MAX_CHARS,
            "can_confirm": report is None and _no_change_allowed(task, unit, period, previous),
            "readonly": (report is not None and not report.editable) or period.locked,
            "needs_signoff": services.needs_signoff(unit=unit, period=period),
            "hints": _hints(form, indicators, previous, period),
        },
    )


def _hints(
    form: ReportForm, indicators: list[Any], previous: ProgressReport | None, period: Period
) -> list[Hint]:
    """Hints on the text in the form (typed, or pre-filled): remarks while writing, never a refusal."""
    text = form.data.get("text") if form.is_bound else form.initial.get("text")
    readings = [form.data.get(f"reading_{i.pk}") for i in indicators] if form.is_bound else []
    same_kind = previous if previous is not None and previous.period.kind == period.kind else None
    return report_hints(
        str(text or ""),
        has_indicators=bool(indicators),
        readings_given=any(r not in (None, "") for r in readings),
        previous_text=same_kind.text if same_kind else None,
    )


@require_POST
@login_required
def hints(request: HttpRequest, task_id: int, period_id: int) -> HttpResponse:
    """The hints for the text being typed (htmx, from the report form). Reads only."""
    r = access_reporting(request.user, task_id, period_id, for_action=Action.FILE)
    assert r.unit is not None
    indicators = _indicators(r.task)
    previous = services.previous_report(task=r.task, unit=r.unit, period=r.period)
    form = ReportForm(request.POST, indicators=indicators, kind=r.period.kind)
    return render(request, "progress/_hints.html", {"hints": _hints(form, indicators, previous, r.period)})


@require_POST
@login_required
def no_change(request: HttpRequest, task_id: int, period_id: int) -> HttpResponse:
    r = access_reporting(request.user, task_id, period_id, for_action=Action.FILE)
    assert r.unit is not None
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
    assert r.unit is not None
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
