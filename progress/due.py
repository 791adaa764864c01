"""What is due for a user: reads the database once per kind of row, then asks progress.rules.

我的待办 shows one line per task and period (lead work first, a co-unit's part folded into it), returned
reports first. A constant number of queries however many tasks and periods the user's units have.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import caches
from django.db.models import Q, QuerySet

from audit.services import chain_id, data_version_parts, still_holds
from orgs.models import Unit
from orgs.roles import roles_of
from progress.access import expand_groups
from progress.changes import RECHECK_EVENTS, reporting_changes
from progress.models import CoInput, Period, ProgressReport
from progress.rules import (
    DueItem,
    Duty,
    PeriodInfo,
    ReportInfo,
    due_items,
    is_open,
    no_change_offers,
    one_per_task_period,
)
from targets.models import Assignment, Plan, Task

logger = logging.getLogger(__name__)

SHORT_TEXT = 80  # characters of a task's text on a line


@dataclass(frozen=True)
class ReportNote:
    """What a line shows of the report it is about: the version to act on and why it came back."""

    pk: int
    version: int
    review_comment: str
    returned_by: str


@dataclass(frozen=True)
class TaskBrief:
    """What a line shows of its task (read with the assignments, no query of its own)."""

    pk: int
    seq: int
    text: str

    @property
    def short(self) -> str:
        return self.text if len(self.text) <= SHORT_TEXT else self.text[: SHORT_TEXT - 1] + "…"


@dataclass(frozen=True)
class DueRow:
    item: DueItem
    task: TaskBrief
    period: Period
    unit: Unit
    report: ReportNote | None
    label: str = ""  # the period's label, made once per period
    url: str = ""  # where the line's button goes (set by the page)
    no_change_url: str = ""

    @property
    def due(self) -> str:
        return self.item.due_date.isoformat()

    @property
    def role(self) -> str:
        return "co" if self.item.action == "co_input" else "lead"


def _periods_for(plan_ids: set[int]) -> list[Period]:
    # Reading never writes: periods are created when a plan is confirmed, when its calendar is edited and
    # by `manage.py periods`; a plan without them simply has nothing due yet.
    return list(Period.objects.filter(plan_id__in=plan_ids))


def _assignments(own: dict[int, int]) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        unit_id__in=own.keys(),
        task__status=Task.Status.ACTIVE,
        task__plan__status=Plan.Status.ACTIVE,
    )


def _duties(own: dict[int, int]) -> tuple[dict[tuple[int, int, str], Duty], dict[int, TaskBrief]]:
    rows = _assignments(own).values_list(
        "task_id", "unit_id", "role", "task__plan_id", "task__due_date", "task__seq", "task__text"
    )
    duties: dict[tuple[int, int, str], Duty] = {}
    tasks: dict[int, TaskBrief] = {}
    for task_id, unit_id, role, plan_id, task_due, seq, text in rows:
        duties[(task_id, own[unit_id], role)] = Duty(task_id, plan_id, own[unit_id], role, task_due, seq)
        tasks[task_id] = TaskBrief(task_id, seq, text)
    return duties, tasks


def _reports(own: dict[int, int], units: set[int]) -> tuple[list[ReportInfo], dict[int, ReportNote]]:
    """The user's units' reports on their tasks, and every unit's accepted ones (an accepted lead report
    ends the co-units' part; one saying "done" ends the monthly reports). The tasks are a subquery: no
    parameter per task."""
    rows = ProgressReport.objects.filter(
        Q(unit_id__in=units) | Q(state=ProgressReport.State.ACCEPTED),
        task_id__in=_assignments(own).values("task_id"),
    ).values_list(
        "id",
        "task_id",
        "unit_id",
        "period_id",
        "state",
        "status",
        "version",
        "review_comment",
        "reviewed_by__first_name",
        "reviewed_by__username",
    )
    infos = [
        ReportInfo(pk, task, unit, period, state, status)
        for pk, task, unit, period, state, status, *_ in rows
    ]
    notes = {
        pk: ReportNote(pk, version, comment, first or (user or ""))
        for pk, _t, _u, _p, _s, _st, version, comment, first, user in rows
    }
    return infos, notes


DUE_CACHE_SECONDS = 15 * 60
SHAPE = "v1"  # in every key: bump it when what an entry holds changes, so an upgrade never reads an old one


def _prefix() -> str:
    """What every key starts with: the shape of an entry and the database it was made from."""
    return f"due:{SHAPE}:{chain_id()}"


# what another unit's report can do to a list: only an accepted lead report ends a co-unit's part
_OTHERS_MATTER = frozenset({"progress.report_accepted", "progress.report_reopened"})


@dataclass(frozen=True)
class _Entry:
    """What a user's computed list holds for and depends on; the rows are kept under their own key (`token`),
    so that checking an entry, or serving a rendering of it, does not read them."""

    newest: int  # the newest audit event it is known to hold for
    started: float  # time.monotonic() before it was read
    units: frozenset[int]  # the user's own units (their reports and co-unit inputs count)
    task_ids: frozenset[int]  # every task of those units (and of their groups)
    token: str  # names the rows and their renderings in the cache
    structure: str  # names what the rows were made from that only a structural change changes (_Structure)


@dataclass(frozen=True)
class _Structure:
    """What a list is made of that only a structural change alters (a role, a group, a task, an assignment, a
    period: each an audit event that rebuilds the list): kept, so that after a filing only the reports and the
    co-unit inputs are read again."""

    units: frozenset[int]  # the user's own units
    filer_units: frozenset[int]  # …where the user is a liaison
    signoff_units: frozenset[int]  # …where the user is the unit leader
    own: dict[int, int]  # each unit or group the user acts for → the user's unit
    duties: dict[tuple[int, int, str], Duty]
    tasks: dict[int, TaskBrief]
    periods: dict[int, Period]


def due_for(user: Any, *, today: dt.date) -> list[DueRow]:
    """Everything due for the user's units (liaisons: file, fix, co-input; unit leaders: sign off): one
    line per task and period, returned reports first, then soonest first.

    Kept in the cache every worker shares (caches["shared"]) per user and day, with the newest audit event it
    holds for. A list depends on the structure (plans, tasks, assignments, periods, roles), on its units' own
    reports and co-unit inputs and on accepted reports of its tasks. When the audit chain has moved on, the
    events since are read: if each is a report or a co-unit input that cannot change this list (another task;
    another unit's report that is not accepted), the entry still holds — on the deadline day two hundred
    units file at once and each list changes only with its own filings. Any other event (a role, a task, a
    period, an unknown kind) and any write outside a service since the entry was made rebuild it. A hit costs
    one query (the version), a check two or three."""
    entry, rows = _current(user, today)
    if rows is None:
        rows = _read(f"{_prefix()}:rows:{entry.token}")
        if rows is None:  # the rows were dropped from the cache before their entry
            _entry, rows = _rebuild(user, today, data_version_parts()[0])
    return rows


def due_rendered(user: Any, *, today: dt.date, name: str, render: Callable[[list[DueRow]], bytes]) -> bytes:
    """`render(due_for(user))`, kept beside the list for as long as the list holds (the API's JSON: a
    liaison's app asking again reads one small entry and the bytes)."""
    entry, rows = _current(user, today)
    key = f"{_prefix()}:{name}:{entry.token}"
    found: bytes | None = _read(key)
    if found is None:
        found = render(rows if rows is not None else due_for(user, today=today))
        _write(key, found)
    return found


def _current(user: Any, today: dt.date) -> tuple[_Entry, list[DueRow] | None]:
    """The user's entry, checked against the data version (and its rows when they had to be rebuilt).

    This worker's own copy of the entry is used when it holds for the version as it is now; else the shared one,
    when another worker has brought it further. An entry that still holds after the events since is kept in
    this worker only, and written back to the shared cache once it has moved SHARE_AFTER events past the shared
    copy: on the deadline day each filing moves the version, and writing every list back each time cost more
    than checking it."""
    newest, _local = data_version_parts()
    key = f"{_prefix()}:{today.isoformat()}:{user.pk}"
    mine: _Mine | None = _read_local(key)
    entry, shared_newest = (mine.entry, mine.shared_newest) if mine is not None else (None, -1)
    from_shared = False
    if entry is None or entry.newest != newest:
        shared: _Entry | None = _read(key, local=False)
        if shared is not None and (entry is None or shared.newest > entry.newest):
            entry, shared_newest, from_shared = shared, shared.newest, True
    if entry is not None and still_holds(entry.newest, entry.started, newest):
        if entry.newest == newest:
            if from_shared:
                caches[LOCAL].set(key, _Mine(entry, shared_newest), DUE_CACHE_SECONDS)
            return entry, None
        verdict = _verdict(entry, newest)
        if verdict == KEEP:
            entry = replace(entry, newest=newest)
            if newest - shared_newest >= SHARE_AFTER:
                _write(key, entry, local=False)
                shared_newest = newest
            caches[LOCAL].set(key, _Mine(entry, shared_newest), DUE_CACHE_SECONDS)
            return entry, None
        structure: _Structure | None = (
            _read(f"{_prefix()}:struct:{entry.structure}") if verdict == REFRESH else None
        )
        if structure is not None:
            return _refresh(user, today, newest, entry, structure)
    return _rebuild(user, today, newest)


@dataclass(frozen=True)
class _Mine:
    """This worker's copy of a user's entry, and the version of the shared copy it knows."""

    entry: _Entry
    shared_newest: int


LOCAL = "local"  # settings.CACHES: this process's memory
SHARE_AFTER = RECHECK_EVENTS // 4  # events a kept entry moves past the shared copy before it is written back


def _read(key: str, *, local: bool = True) -> Any:
    """A shared cache entry, or None when there is none or it cannot be read (a file cut short by a full disk,
    one written by another version of the code): the list is then simply worked out again.

    `local`: the key names what never changes once written (a token's rows, structure or rendering), so this
    worker's own copy, when it has one, is the same; one read from the shared cache is kept there."""
    if local:
        found = _read_local(key)
        if found is not None:
            return found
    try:
        found = caches["shared"].get(key)
    except Exception:  # a cache is never a reason to fail a page
        logger.warning("shared cache entry %s unreadable; worked out again", key, exc_info=True)
        return None
    if local and found is not None:
        caches[LOCAL].set(key, found, DUE_CACHE_SECONDS)
    return found


def _read_local(key: str) -> Any:
    return caches[LOCAL].get(key)


def _write(key: str, value: Any, *, local: bool = True) -> None:
    caches["shared"].set(key, value, DUE_CACHE_SECONDS)
    if local:
        caches[LOCAL].set(key, value, DUE_CACHE_SECONDS)


def _rebuild(user: Any, today: dt.date, newest: int) -> tuple[_Entry, list[DueRow]]:
    started = time.monotonic()
    structure = _structure(user)
    rows = _lines(structure, today)
    entry = _Entry(
        newest, started, structure.units, frozenset(structure.tasks), uuid.uuid4().hex, uuid.uuid4().hex
    )
    _write(f"{_prefix()}:struct:{entry.structure}", structure)
    _write(f"{_prefix()}:rows:{entry.token}", rows)
    _share_entry(user, today, entry)
    return entry, rows


def _refresh(
    user: Any, today: dt.date, newest: int, entry: _Entry, structure: _Structure
) -> tuple[_Entry, list[DueRow]]:
    """The list made again from its kept structure and the reports and inputs as they are now (two queries
    and the rules instead of eight): after a filing of the user's own units."""
    rows = _lines(structure, today)
    entry = replace(entry, newest=newest, token=uuid.uuid4().hex)  # `started`: the structure's, the earlier
    _write(f"{_prefix()}:rows:{entry.token}", rows)
    _share_entry(user, today, entry)
    return entry, rows


def _share_entry(user: Any, today: dt.date, entry: _Entry) -> None:
    """A new entry, in the shared cache and as this worker's copy."""
    key = f"{_prefix()}:{today.isoformat()}:{user.pk}"
    _write(key, entry, local=False)
    caches[LOCAL].set(key, _Mine(entry, entry.newest), DUE_CACHE_SECONDS)


KEEP, REFRESH, REBUILD = "keep", "refresh", "rebuild"


def _verdict(entry: _Entry, newest: int) -> str:
    """What the events since the entry's version do to it. KEEP: none may change it. REFRESH: a report or
    co-unit input of the user's units (on any task: 我的待办 also lists the units' recent reports), or another
    unit's report on their tasks that is or was accepted (it ends a co-unit's part) — the structure holds, the
    reports are read again. REBUILD: anything else, or when unsure."""
    changes = reporting_changes(entry.newest, newest)
    if changes is None:
        return REBUILD
    moved = any(
        c.unit_id in entry.units
        or (
            c.task_id in entry.task_ids
            and (c.state == ProgressReport.State.ACCEPTED or c.verb in _OTHERS_MATTER)
        )
        for c in changes
    )
    return REFRESH if moved else KEEP


def _structure(user: Any) -> _Structure:
    roles = roles_of(user)
    units = set(roles.liaison_units) | set(roles.unit_leader_units)
    own = expand_groups(units) if units else {}
    duties, tasks = _duties(own) if own else ({}, {})
    periods = {p.id: p for p in _periods_for({d.plan_id for d in duties.values()})} if duties else {}
    return _Structure(
        frozenset(units),
        frozenset(roles.liaison_units),
        frozenset(roles.unit_leader_units),
        own,
        duties,
        tasks,
        periods,
    )


def _lines(s: _Structure, today: dt.date) -> list[DueRow]:
    """The lines of a structure with the reports and co-unit inputs as they are now."""
    if not s.duties:
        return []
    periods = s.periods
    infos = {
        p.id: PeriodInfo(p.id, p.plan_id, p.kind, p.start, p.end, p.due_date, p.locked)
        for p in periods.values()
    }
    reports, notes = _reports(s.own, set(s.units))
    open_ids = [p.id for p in infos.values() if is_open(p, today=today)]
    co_given = CoInput.objects.filter(period_id__in=open_ids, unit_id__in=s.units).values_list(
        "task_id", "period_id", "unit_id"
    )
    items = due_items(
        today=today,
        duties=s.duties.values(),
        periods=infos.values(),
        reports=reports,
        co_inputs=list(co_given),
        filer_units=s.filer_units,
        signoff_units=s.signoff_units,
    )
    items = no_change_offers(one_per_task_period(items), reports=reports, periods=infos, today=today)
    items.sort(key=lambda i: i.action != "fix")  # stable: returned reports first, each group by date
    unit_objs = Unit.objects.only("id", "name", "region_id").in_bulk({i.unit_id for i in items})
    labels = {pk: periods[pk].label for pk in {i.period_id for i in items}}
    return [
        DueRow(
            item=i,
            task=s.tasks[i.task_id],
            period=periods[i.period_id],
            unit=unit_objs[i.unit_id],
            report=notes.get(i.report_id) if i.report_id else None,
            label=labels[i.period_id],
        )
        for i in items
    ]


@dataclass(frozen=True)
class Pending:
    """The counter beside the bell: what waits for the user now, counted on every request (never stored)."""

    to_do: int  # 我的待办 lines (liaisons, unit leaders)
    to_review: int  # reports waiting for the office's review


def pending_for(user: Any, *, today: dt.date) -> Pending:
    roles = roles_of(user)
    to_do = len(due_for(user, today=today)) if roles.member_units else 0
    to_review = 0
    if roles.is_admin or roles.supervised_regions:
        waiting = ProgressReport.objects.filter(state=ProgressReport.State.FILED)
        if not roles.is_admin:
            waiting = waiting.filter(task__plan__region_id__in=roles.supervised_regions)
        to_review = waiting.count()
    return Pending(to_do, to_review)
