"""Pure reporting rules: what is due for whom, how summaries are counted, what a valid report is.

Nothing here reads the database or the clock; `today` is always an argument.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

SUMMARY_MIN_CHARS = 100
SUMMARY_MAX_CHARS = 150
PERCENT_DONE = 100
# A period shows in the workspace from this many days before its due date (never before it starts).
OPEN_DAYS_BEFORE_DUE = 30
STATUSES = ("on_track", "at_risk", "lagging", "done")
SUMMARY_KINDS = ("half_year", "year")
ROUTINE_KINDS = ("month", "quarter")


def count_chars(text: str) -> int:
    """Characters as the notice counts them: every Chinese character, full-width punctuation mark,
    letter, digit and other visible sign counts one; whitespace (incl. the full-width space and line
    breaks) and invisible format characters (zero-width space, BOM) do not. "GDP增长5.5%。" is 10.

    The report form's live counter (progress/static/progress/report.js) implements the same rule.
    """
    return sum(
        1
        for ch in unicodedata.normalize("NFC", text)
        if not ch.isspace() and unicodedata.category(ch) != "Cf"
    )


def validate_report(
    *, kind: str, status: str, percent: object, text: str, readings: Mapping[int, object] | None = None
) -> dict[str, list[str]]:
    """Field → messages for a report about to be filed; empty when it is valid."""
    errors: dict[str, list[str]] = {}
    if status not in STATUSES:
        errors["status"] = [_("Choose a status: on track, at risk, lagging or done.")]
    percent_error = _percent_error(status, percent)
    if percent_error:
        errors["percent"] = [percent_error]
    text_error = _text_error(kind, text)
    if text_error:
        errors["text"] = [text_error]
    for indicator_id, value in (readings or {}).items():
        if not _reading_ok(value):
            errors[f"reading_{indicator_id}"] = [_("Enter a number, e.g. 5.5.")]
    return errors


def _percent_error(status: str, percent: object) -> str | None:
    wrong = _("Enter the percent done, a whole number from 0 to 100.")
    if isinstance(percent, bool) or percent is None or percent == "":
        return wrong
    try:
        pct = int(str(percent))
    except ValueError:
        return wrong
    if not 0 <= pct <= PERCENT_DONE:
        return wrong
    if status == "done" and pct != PERCENT_DONE:
        return _("A task reported as done must be 100 percent done; correct the percent or the status.")
    return None


def _text_error(kind: str, text: str) -> str | None:
    stripped = text.strip()
    if kind in SUMMARY_KINDS:
        n = count_chars(stripped)
        if not SUMMARY_MIN_CHARS <= n <= SUMMARY_MAX_CHARS:
            return _(
                "A summary must have %(min)d–%(max)d characters; this one has %(n)d. "
                "Every Chinese character, punctuation mark, letter and digit counts one; spaces do not."
            ) % {"min": SUMMARY_MIN_CHARS, "max": SUMMARY_MAX_CHARS, "n": n}
    elif not stripped:
        return _("Say in a few words what happened this period.")
    return None


def _reading_ok(value: object) -> bool:
    """An empty reading is allowed (not measured this period); anything else must be a finite number."""
    if value in (None, ""):
        return True
    try:
        number = float(str(value))
    except ValueError:
        return False
    return math.isfinite(number)


@dataclass(frozen=True)
class PeriodInfo:
    id: int
    plan_id: int
    kind: str
    start: dt.date
    end: dt.date
    due_date: dt.date
    locked: bool


@dataclass(frozen=True)
class Duty:
    """A unit's part in a task: lead units file, co-units add input."""

    task_id: int
    plan_id: int
    unit_id: int
    role: str  # "lead" or "co"
    task_due: dt.date
    seq: int = 0


@dataclass(frozen=True)
class ReportInfo:
    id: int
    task_id: int
    unit_id: int
    period_id: int
    state: str
    status: str


@dataclass(frozen=True)
class DueItem:
    task_id: int
    period_id: int
    unit_id: int
    kind: str
    due_date: dt.date
    overdue: bool
    action: str  # "file", "fix" (returned), "co_input", "sign_off"
    report_id: int | None = None
    seq: int = 0
    also_co: bool = False  # the same unit is also a co-unit of the task: its lead report covers that
    no_change: bool = False  # "no change" may be confirmed (see no_change_refusal)


def is_open(period: PeriodInfo, *, today: dt.date) -> bool:
    return not period.locked and today >= max(
        period.start, period.due_date - dt.timedelta(days=OPEN_DAYS_BEFORE_DUE)
    )


def _done_since(reports: Iterable[ReportInfo], periods: Mapping[int, PeriodInfo]) -> dict[int, dt.date]:
    """Per task, the end of the earliest period with an accepted report saying "done"."""
    done: dict[int, dt.date] = {}
    for r in reports:
        if r.state == "accepted" and r.status == "done" and r.period_id in periods:
            end = periods[r.period_id].end
            if r.task_id not in done or end < done[r.task_id]:
                done[r.task_id] = end
    return done


def due_items(
    *,
    today: dt.date,
    duties: Iterable[Duty],
    periods: Iterable[PeriodInfo],
    reports: Iterable[ReportInfo],
    co_inputs: Iterable[tuple[int, int, int]] = (),
    filer_units: Iterable[int] | None = None,
    signoff_units: Iterable[int] = (),
) -> list[DueItem]:
    """Everything due for the given duties, soonest first.

    - lead units: a report not filed yet, or returned by the office;
    - co-units: their input, until they have given some or the lead's report is accepted;
    - unit leaders (`signoff_units`): reports of their unit waiting for sign-off.
    `filer_units` are the units whose liaison is asking (None: every duty's unit).
    A locked period is past; a task whose accepted report said "done" asks no more routine reports.
    """
    by_plan: dict[int, list[PeriodInfo]] = {}
    all_periods: dict[int, PeriodInfo] = {}
    for p in periods:
        all_periods[p.id] = p
        if is_open(p, today=today):
            by_plan.setdefault(p.plan_id, []).append(p)
    report_list = list(reports)
    by_key = {(r.task_id, r.unit_id, r.period_id): r for r in report_list}
    accepted_for = {(r.task_id, r.period_id) for r in report_list if r.state == "accepted"}
    done = _done_since(report_list, all_periods)
    given = set(co_inputs)
    signers = set(signoff_units)
    filers = None if filer_units is None else set(filer_units)
    items: list[DueItem] = []
    for duty in duties:
        for p in by_plan.get(duty.plan_id, ()):
            if duty.task_due < p.start or _done_before(duty, p, done):
                continue
            common: dict[str, Any] = {
                "task_id": duty.task_id,
                "period_id": p.id,
                "unit_id": duty.unit_id,
                "kind": p.kind,
                "due_date": p.due_date,
                "overdue": today > p.due_date,
                "seq": duty.seq,
            }
            files = filers is None or duty.unit_id in filers
            item: DueItem | None = None
            if duty.role == "lead":
                report = by_key.get((duty.task_id, duty.unit_id, p.id))
                item = _lead_item(report, files=files, signs=duty.unit_id in signers, common=common)
            elif (
                files
                and (duty.task_id, p.id, duty.unit_id) not in given
                and (duty.task_id, p.id) not in accepted_for
            ):
                item = DueItem(action="co_input", **common)
            if item is not None:
                items.append(item)
    return sorted(items, key=lambda i: (i.due_date, i.seq, i.task_id, i.kind))


# Which item of a task and period stays on the list when a unit has several: lead work first.
_ACTION_RANK = {"fix": 0, "file": 1, "sign_off": 2, "co_input": 3}


def one_per_task_period(items: Iterable[DueItem]) -> list[DueItem]:
    """One line per task and period for one person: a town that leads a task through its group
    (各镇（街道）) and is also a co-unit of it files one report; the co-unit input is folded into that
    line (`also_co`). The order of `items` is kept. (Reminders ask due_items for every unit of a plan
    and group by unit themselves: they do not merge.)"""
    kept: dict[tuple[int, int], DueItem] = {}
    co: set[tuple[int, int]] = set()
    for item in items:
        key = (item.task_id, item.period_id)
        if item.action == "co_input":
            co.add(key)
        held = kept.get(key)
        if held is None or _ACTION_RANK[item.action] < _ACTION_RANK[held.action]:
            kept[key] = item
    return [
        replace(item, also_co=True) if key in co and item.action != "co_input" else item
        for key, item in kept.items()
    ]


def no_change_refusal(
    *, kind: str, period_end: dt.date, previous_state: str | None, today: dt.date
) -> str | None:
    """Why "no change" cannot be confirmed for a period (None: it can): only for a routine period that
    is over, repeating an earlier report the office has accepted."""
    if kind not in ROUTINE_KINDS:
        return _("Summaries state this period's results; write the summary.")
    if today <= period_end:
        return _("This period is not over yet; “no change” can be confirmed once it has ended.")
    if previous_state is None:
        return _("There is no earlier report to confirm; fill in the form.")
    if previous_state != "accepted":
        return _(
            "Your last report has not been accepted by the supervision office yet; "
            "fill in the form instead of confirming it unchanged."
        )
    return None


def no_change_offers(
    items: Iterable[DueItem],
    *,
    reports: Iterable[ReportInfo],
    periods: Mapping[int, PeriodInfo],
    today: dt.date,
) -> list[DueItem]:
    """Mark the items to file whose "no change" may be confirmed (no_change_refusal says nothing)."""
    latest: dict[tuple[int, int], list[tuple[dt.date, str]]] = {}
    for r in reports:
        p = periods.get(r.period_id)
        if p is not None and p.kind in ROUTINE_KINDS:
            latest.setdefault((r.task_id, r.unit_id), []).append((p.due_date, r.state))
    out = []
    for item in items:
        p = periods[item.period_id]
        if item.action == "file":
            earlier = [e for e in latest.get((item.task_id, item.unit_id), ()) if e[0] < p.due_date]
            previous = max(earlier)[1] if earlier else None
            refusal = no_change_refusal(kind=p.kind, period_end=p.end, previous_state=previous, today=today)
            item = replace(item, no_change=refusal is None)
        out.append(item)
    return out


def _done_before(duty: Duty, period: PeriodInfo, done: Mapping[int, dt.date]) -> bool:
    """A routine period that starts after the task was reported done asks nothing more."""
    return period.kind in ROUTINE_KINDS and duty.task_id in done and period.start > done[duty.task_id]


def _lead_item(
    report: ReportInfo | None, *, files: bool, signs: bool, common: dict[str, Any]
) -> DueItem | None:
    """What the lead unit's report for one period still needs: filing, fixing, or its leader's sign-off."""
    if report is None:
        return DueItem(action="file", **common) if files else None
    if report.state == "returned" and files:
        return DueItem(action="fix", report_id=report.id, **common)
    if report.state == "pending_signoff" and signs:
        return DueItem(action="sign_off", report_id=report.id, **common)
    return None
