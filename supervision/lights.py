"""The read side of the lights: many tasks at once, in a constant number of queries.

`lights_for_tasks(tasks, today=…, viewer=…)` is what pages, the API and other apps (bulletins,
dashboards, assessment) call. Blue is kept only for the office and the task's own units.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from django.core.cache import cache
from django.db.models import Q

from audit.services import data_version_parts, still_holds
from orgs.models import Region
from orgs.roles import group_links, roles_of
from progress.calendar import WorkCalendar
from progress.changes import OnTask, tasks_touched
from progress.models import IndicatorReading, Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from progress.schedule import work_calendars
from supervision import rules
from supervision.models import (
    Adjustment,
    Extension,
    Interview,
    LadderRound,
    LightOverride,
    LightSnapshot,
    Notice,
)
from targets.models import Assignment, Indicator, Milestone, Task
from targets.models import Plan as PlanModel


@dataclass(frozen=True)
class TaskLight:
    color: str
    reasons: tuple[str, ...]
    units: dict[int, rules.Light] = field(default_factory=dict)
    overridden: bool = False


@lru_cache(maxsize=200_000)
def _working(cal: WorkCalendar, day: dt.date) -> bool:
    return WorkCalendar.is_working_day(cal, day)


@dataclass(frozen=True)
class CachedCalendar(WorkCalendar):
    """The same calendar, each day looked up once (the holiday library is slow to ask): in the process-wide
    cache of equal calendars, and in this calendar's own dict in front of it (a hit there skips hashing and
    comparing the calendar, which a dataclass does in Python; the rules ask hundreds of times per computation)."""

    known: dict[dt.date, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def is_working_day(self, day: dt.date) -> bool:
        found = self.known.get(day)
        if found is None:
            found = self.known[day] = _working(self, day)
        return found


def config_for(region: Region) -> rules.Config:
    return rules.Config.from_settings((region.settings or {}).get("supervision"))


def calendars(region_ids: Iterable[int]) -> dict[int, WorkCalendar]:
    """Each region's working-day calendar (progress.schedule.work_calendars), one query, cached lookups."""
    found = work_calendars(region_ids, kind=CachedCalendar)
    return {rid: c for rid, c in found.items() if rid is not None}


def _filed_by(today: dt.date) -> Q:
    """Reports filed on or before `today` (UTC days, as the rules count them), or not filed yet."""
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    return Q(filed_at__isnull=True) | Q(filed_at__lt=end)


def _facts_rows(on: _OnTasks, plan_ids: set[int], today: dt.date) -> dict[str, Any]:
    """Every row the rules need, one query per kind of row, as plain tuples (`on`: which tasks' rows).
    A report filed after `today` is one the rules would not count: it is not loaded.

    The models' default orderings join the task, its plan and its region (Task orders by plan, Plan by
    region name): each query orders by its own columns only, and only where the order matters (the lead
    units' and milestones' order is the order of the reasons; the last extension and override win; the
    reports are put in their periods' order in `_group`)."""
    routine = ProgressReport.objects.filter(on("task"), period__kind__in=ROUTINE_KINDS).exclude(
        state=ProgressReport.State.RETURNED
    )
    readings: dict[int, dict[int, float | None]] = defaultdict(dict)
    # by the indicator's task, no join on the report: the rules look a reading up only for a loaded report of
    # the task and one of the task's own indicators (a reading of another report is never asked for)
    for rid, iid, value in (
        IndicatorReading.objects.filter(on("indicator__task"))
        .order_by()
        .values_list("report_id", "indicator_id", "value")
    ):
        readings[rid][iid] = value
    return {
        "leads": list(
            Assignment.objects.filter(on("task"), role=Assignment.Role.LEAD)
            .exclude(unit__kind="group")
            .order_by("order", "pk")
            .values_list("task_id", "unit_id")
        ),
        "periods": list(
            Period.objects.filter(plan_id__in=plan_ids, kind__in=ROUTINE_KINDS)
            .order_by("due_date", "kind", "pk")
            .values_list("plan_id", "pk", "kind", "start", "end", "due_date")
        ),
        "reports": list(
            routine.filter(_filed_by(today))
            .order_by()
            .values_list("task_id", "unit_id", "period_id", "status", "percent", "id")
        ),
        "readings": readings,
        "indicators": list(
            Indicator.objects.filter(on("task"))
            .order_by("order", "pk")
            .values_list("task_id", "pk", "name", "kind", "comparator", "value", "unit")
        ),
        "milestones": list(
            Milestone.objects.filter(on("task"))
            .order_by("due_date", "pk")
            .values_list("task_id", "unit_id", "title", "due_date", "done_on")
        ),
        "adjusted": dict(
            Adjustment.objects.filter(on("task")).order_by("pk").values_list("task_id", "reason")
        ),
        "extensions": list(
            Extension.objects.filter(on("task"), state=Extension.State.APPROVED)
            .order_by("decided_on", "pk")
            .values_list("task_id", "unit_id", "new_date")
        ),
        "overrides": list(
            LightOverride.objects.filter(on("task"), active=True)
            .order_by("on", "pk")
            .values_list("task_id", "color", "reason", "by_name", "on")
        ),
    }


def _previous(on: _OnTasks, region_ids: set[int], today: dt.date) -> dict[int, dict[str, Any]]:
    """Each task's per-unit lights at the region's last ladder round before today."""
    latest: dict[int, int] = {}
    for region_id, scan_id in (
        LadderRound.objects.filter(region_id__in=region_ids, on__lt=today)
        .order_by("on", "pk")
        .values_list("region_id", "scan_id")
    ):
        latest[region_id] = scan_id
    if not latest:
        return {}
    snaps = LightSnapshot.objects.filter(on("task"), scan_id__in=latest.values()).order_by()
    return dict(snaps.values_list("task_id", "units"))


@dataclass
class _Facts:
    """The rows of `_facts_rows`, grouped by task (and unit) for the rules."""

    periods: dict[int, list[rules.RoutinePeriod]]
    reports: dict[tuple[int, int], list[rules.ReportFact]]
    indicators: dict[int, list[rules.IndicatorFact]]
    milestones: dict[int, list[tuple[int | None, rules.MilestoneFact]]]
    leads: dict[int, list[int]]
    extended: dict[tuple[int, int], dt.date]
    overrides: dict[int, tuple[str, str, str, dt.date]]
    adjusted: dict[int, str]


def _group(rows: dict[str, Any], today: dt.date) -> _Facts:
    """The rows by task (and unit). Each plan's periods come in their due dates' order; each task and unit's
    reports in their periods' order (the rules sort them by the period's end, keeping that order on ties)."""
    periods: dict[int, list[rules.RoutinePeriod]] = defaultdict(list)
    by_period: dict[int, list[Any]] = {}
    for plan_id, *period in rows["periods"]:
        periods[plan_id].append(rules.RoutinePeriod(*period))
        by_period[period[0]] = []
    for row in rows["reports"]:
        # a routine report's period is one of its task's plan's periods (loaded above)
        by_period[row[2]].append(row)
    reports: dict[tuple[int, int], list[rules.ReportFact]] = defaultdict(list)
    no_readings = rules.NO_READINGS
    readings = rows["readings"]
    make = (
        rules.ReportFact._make
    )  # from a tuple, without the keyword handling of ReportFact(…): 4,000 a district
    for plan_periods in periods.values():
        for period in plan_periods:
            end = period.end
            for task_id, unit_id, period_id, status, percent, rid in by_period[period.id]:
                reports[(task_id, unit_id)].append(
                    make((period_id, end, status, percent, today, readings.get(rid, no_readings)))
                )
    indicators: dict[int, list[rules.IndicatorFact]] = defaultdict(list)
    for task_id, *ind in rows["indicators"]:
        indicators[task_id].append(rules.IndicatorFact(*ind))
    milestones: dict[int, list[tuple[int | None, rules.MilestoneFact]]] = defaultdict(list)
    for task_id, unit_id, *milestone in rows["milestones"]:
        milestones[task_id].append((unit_id, rules.MilestoneFact(*milestone)))
    leads: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in rows["leads"]:
        leads[task_id].append(unit_id)
    return _Facts(
        periods=periods,
        reports=reports,
        indicators=indicators,
        milestones=milestones,
        leads=leads,
        extended={(t, u): d for t, u, d in rows["extensions"]},
        overrides={t: rest for t, *rest in rows["overrides"]},
        adjusted=rows["adjusted"],
    )


def _task_light(
    task: Task, plan: PlanModel, facts: _Facts, previous: dict[int, dict[str, Any]], *, today: dt.date,
    cal: WorkCalendar, config: rules.Config,
) -> TaskLight:  # fmt: skip
    """The light of one task: each lead unit's light by the rules, the worst of them, an override over it.
    Reads each of the task's fields once, its id as `id` (`pk` is a property that looks the field up: a loop
    over 400 tasks and their units asked for it 5,600 times)."""
    pk = task.id
    units: dict[int, rules.Light] = {}
    leads = facts.leads.get(pk)
    if leads:
        adjusted = facts.adjusted.get(pk) or ("任务已撤销" if task.status == Task.Status.WITHDRAWN else None)
        plan_start = dt.date(plan.year, 1, 1)
        task_due = task.due_date
        periods = facts.periods.get(task.plan_id, [])
        indicators = facts.indicators.get(pk, [])
        milestones = facts.milestones.get(pk, ())
        all_reports, extended = facts.reports, facts.extended
        at_last_round = previous.get(pk, {})
        for unit_id in leads:
            prev = at_last_round.get(str(unit_id))
            unit_facts = rules.UnitFacts(
                plan_start=plan_start,
                task_due=task_due,
                periods=periods,
                reports=all_reports.get((pk, unit_id), []),
                indicators=indicators,
                milestones=[m for u, m in milestones if u is None or u == unit_id],
                adjusted=adjusted,
                extended_to=extended.get((pk, unit_id)),
                previous=prev[0] if prev else None,
            )
            units[unit_id] = rules.unit_light(unit_facts, today=today, cal=cal, config=config)
    light = rules.task_light(units.values())
    override = facts.overrides.get(pk)
    if override is not None:
        color, reason, by, on = override
        light = rules.overridden(light, color=color, reason=reason, by=by, on=on)
    return TaskLight(light.color, light.reasons, units, override is not None)


def compute(tasks: list[Task], *, today: dt.date) -> dict[int, TaskLight]:
    """Every task's light with its units' lights, privately (blue kept). Tasks need plan.region loaded.
    The rules run once per task and lead unit over rows fetched once (a constant number of queries)."""
    if not tasks:
        return {}
    plans: dict[int, PlanModel] = {}
    for t in tasks:
        if t.plan_id not in plans:
            plans[t.plan_id] = t.plan
    on = _on_tasks([t.pk for t in tasks], plans)
    regions = {p.region_id: p.region for p in plans.values()}
    cals = calendars(regions)
    configs = {rid: config_for(r) for rid, r in regions.items()}
    facts = _group(_facts_rows(on, set(plans), today), today)
    previous = _previous(on, set(regions), today)
    out: dict[int, TaskLight] = {}
    for task in tasks:
        plan = plans[task.plan_id]
        light = _task_light(
            task, plan, facts, previous, today=today, cal=cals[plan.region_id], config=configs[plan.region_id]
        )
        out[task.id] = light  # `id`, a plain attribute: `pk` is a property that looks the field up
    return out


LIGHTS_CACHE_SECONDS = 15 * 60


@dataclass(frozen=True)
class _LightsEntry:
    newest: int  # the newest audit event the lights hold for
    started: float  # time.monotonic() before they were worked out
    lights: dict[int, TaskLight]


# supervision's object types that the services record and that are rows of one task (progress.changes knows the
# reporting loop's and the targets'); an adjustment and an override are recorded as their task
ON_ONE_TASK: Mapping[str, OnTask] = MappingProxyType(
    {
        "supervision.notice": (Notice, "task_id"),
        "supervision.interview": (Interview, "notice__task_id"),
        "supervision.extension": (Extension, "task_id"),
    }
)


def cached_compute(tasks: list[Task], *, today: dt.date) -> dict[int, TaskLight]:
    """`compute`, kept in Django's cache per set of tasks and day with the data version it holds for
    (audit.services). The private lights are the same for every viewer (blue is hidden afterwards, per viewer,
    in lights_for_tasks): one entry serves all. A hit costs one query (the version).

    When the audit chain has moved on and every event since is on a task or on a row of one task — a report,
    a co-unit input, the task itself, its milestone, a notice, an interview, an extension
    (progress.changes.tasks_touched) — only the lights of those tasks are worked out again, and the rest are
    kept: a task's light depends on its own rows, and on its plan's periods, its region's calendar and
    settings, the ladder's last round and its units' kinds, whose writes are never on one task. After a filing
    or a notice the office's overview works out one task, not four hundred. Any other event, or a write
    outside a service since, works them all out again."""
    if not tasks:
        return {}
    ids = ",".join(str(pk) for pk in sorted(t.pk for t in tasks))
    digest = hashlib.blake2b(ids.encode(), digest_size=16).hexdigest()
    key = f"lights:{today.isoformat()}:{digest}"
    newest, _local = data_version_parts()
    entry: _LightsEntry | None = cache.get(key)
    if entry is not None and still_holds(entry.newest, entry.started, newest):
        if entry.newest == newest:
            return entry.lights
        moved = tasks_touched(entry.newest, newest, also=ON_ONE_TASK)
        if moved is not None:
            started = time.monotonic()
            lights = {**entry.lights, **compute([t for t in tasks if t.pk in moved], today=today)}
            cache.set(key, _LightsEntry(newest, min(started, entry.started), lights), LIGHTS_CACHE_SECONDS)
            return lights
    started = time.monotonic()
    lights = compute(tasks, today=today)
    cache.set(key, _LightsEntry(newest, started, lights), LIGHTS_CACHE_SECONDS)
    return lights


MANY_TASKS = 100


_OnTasks = Callable[[str], Q]


def _on_tasks(ids: list[int], plans: Iterable[int]) -> _OnTasks:
    """Which tasks' rows to read: `on(path)` is the condition on the task at `path` ("task", "report__task").
    Many tasks (a plan's page, a dashboard): every task of their plans, through a join on the task's primary
    key — a short SQL that needs no preparing of hundreds of ids, quicker to build than a subquery, 10 times
    over; the rows of tasks not asked for are not looked at. Few tasks: their ids."""
    if len(ids) > MANY_TASKS:
        plan_ids = list(plans)
        return lambda path: Q(**{f"{path}__plan_id__in": plan_ids})
    return lambda path: Q(**{f"{path}_id__in": ids})


def may_see_blue(viewer: Any, task_ids: Iterable[int], region_ids: Iterable[int]) -> set[int]:
    """The tasks on which the viewer sees blue: the office of the region, and the task's own units."""
    roles = roles_of(viewer)
    ids = set(task_ids)
    if roles.is_admin:
        return ids
    if roles.supervised_regions & set(region_ids):
        ids_sup = set(
            Task.objects.filter(pk__in=ids, plan__region_id__in=roles.supervised_regions).values_list(
                "pk", flat=True
            )
        )
    else:
        ids_sup = set()
    units = set(roles.member_units)
    if units:
        units |= {group for group, _ in group_links(roles, units)}
        ids_sup |= set(
            Assignment.objects.filter(task_id__in=ids, unit_id__in=units).values_list("task_id", flat=True)
        )
    return ids_sup


def lights_for_tasks(tasks: Iterable[Task], *, today: dt.date, viewer: Any) -> dict[int, TaskLight]:
    """task id → its light as the viewer may see it (blue only for the office and the task's units).
    A constant number of queries however many tasks; tasks should have plan__region selected."""
    task_list = list(tasks)
    if task_list and not _has_region(task_list[0]):
        task_list = list(Task.objects.filter(pk__in=[t.pk for t in task_list]).select_related("plan__region"))
    lights = cached_compute(task_list, today=today)
    private = _office_tasks(viewer, task_list)
    others = [t for t in task_list if t.pk not in private]
    if others:  # the units' own tasks: may_see_blue asks the database
        private |= may_see_blue(viewer, [t.pk for t in others], {t.plan.region_id for t in others})
    out: dict[int, TaskLight] = {}
    for task_id, light in lights.items():
        if task_id in private or light.color != rules.BLUE:
            out[task_id] = light
        else:
            shown = rules.public(rules.Light(light.color, light.reasons))
            out[task_id] = TaskLight(shown.color, shown.reasons, {}, light.overridden)
    return out


def _office_tasks(viewer: Any, tasks: list[Task]) -> set[int]:
    """The tasks of the regions the viewer supervises (blue kept), known from the tasks without a query."""
    roles = roles_of(viewer)
    return {t.pk for t in tasks if roles.supervises(t.plan.region_id)}


def _has_region(task: Task) -> bool:
    state = task._state.fields_cache
    plan = state.get("plan")
    return plan is not None and "region" in plan._state.fields_cache
