"""The read side of the lights: many tasks at once, in a constant number of queries.

`lights_for_tasks(tasks, today=…, viewer=…)` is what pages, the API and other apps (bulletins,
dashboards, assessment) call. Blue is kept only for the office and the task's own units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from orgs.models import Region
from orgs.roles import group_links, roles_of
from progress.calendar import WorkCalendar
from progress.models import IndicatorReading, Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from progress.schedule import work_calendars
from supervision import rules
from supervision.models import Adjustment, Extension, LadderRound, LightOverride, LightSnapshot
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
    """The same calendar, each day looked up once (the holiday library is slow to ask)."""

    def is_working_day(self, day: dt.date) -> bool:
        return _working(self, day)


def config_for(region: Region) -> rules.Config:
    return rules.Config.from_settings((region.settings or {}).get("supervision"))


def calendars(region_ids: Iterable[int]) -> dict[int, WorkCalendar]:
    """Each region's working-day calendar (progress.schedule.work_calendars), one query, cached lookups."""
    found = work_calendars(region_ids, kind=CachedCalendar)
    return {rid: c for rid, c in found.items() if rid is not None}


def _facts_rows(task_ids: list[int], plan_ids: set[int]) -> dict[str, Any]:
    """Every row the rules need, one query per kind of row."""
    reports = list(
        ProgressReport.objects.filter(task_id__in=task_ids, period__kind__in=ROUTINE_KINDS)
        .exclude(state=ProgressReport.State.RETURNED)
        .values("id", "task_id", "unit_id", "period_id", "period__end", "status", "percent", "filed_at")
    )
    readings: dict[int, dict[int, float | None]] = defaultdict(dict)
    for rid, iid, value in IndicatorReading.objects.filter(
        report__task_id__in=task_ids, report__period__kind__in=ROUTINE_KINDS
    ).values_list("report_id", "indicator_id", "value"):
        readings[rid][iid] = value
    return {
        "leads": list(
            Assignment.objects.filter(task_id__in=task_ids, role=Assignment.Role.LEAD)
            .exclude(unit__kind="group")
            .values_list("task_id", "unit_id")
        ),
        "periods": list(Period.objects.filter(plan_id__in=plan_ids, kind__in=ROUTINE_KINDS)),
        "reports": reports,
        "readings": readings,
        "indicators": list(Indicator.objects.filter(task_id__in=task_ids).order_by("order")),
        "milestones": list(Milestone.objects.filter(task_id__in=task_ids)),
        "adjusted": dict(Adjustment.objects.filter(task_id__in=task_ids).values_list("task_id", "reason")),
        "extensions": list(
            Extension.objects.filter(task_id__in=task_ids, state=Extension.State.APPROVED)
            .order_by("decided_on", "pk")
            .values_list("task_id", "unit_id", "new_date")
        ),
        "overrides": list(
            LightOverride.objects.filter(task_id__in=task_ids, active=True).order_by("on", "pk")
        ),
    }


def _previous(task_ids: list[int], region_ids: set[int], today: dt.date) -> dict[int, dict[str, Any]]:
    """Each task's per-unit lights at the region's last ladder round before today."""
    latest: dict[int, int] = {}
    for region_id, scan_id in (
        LadderRound.objects.filter(region_id__in=region_ids, on__lt=today)
        .order_by("on")
        .values_list("region_id", "scan_id")
    ):
        latest[region_id] = scan_id
    snaps = LightSnapshot.objects.filter(scan_id__in=latest.values(), task_id__in=task_ids)
    return {s.task_id: s.units for s in snaps.only("task_id", "units")}


def compute(tasks: list[Task], *, today: dt.date) -> dict[int, TaskLight]:
    """Every task's light with its units' lights, privately (blue kept). Tasks need plan.region loaded."""
    if not tasks:
        return {}
    task_ids = [t.pk for t in tasks]
    plans: dict[int, PlanModel] = {t.plan_id: t.plan for t in tasks}
    regions = {p.region_id: p.region for p in plans.values()}
    cals = calendars(regions)
    configs = {rid: config_for(r) for rid, r in regions.items()}
    rows = _facts_rows(task_ids, set(plans))
    previous = _previous(task_ids, set(regions), today)
    periods_by_plan: dict[int, list[rules.RoutinePeriod]] = defaultdict(list)
    for p in rows["periods"]:
        periods_by_plan[p.plan_id].append(rules.RoutinePeriod(p.pk, p.kind, p.start, p.end, p.due_date))
    reports: dict[tuple[int, int], list[rules.ReportFact]] = defaultdict(list)
    for r in rows["reports"]:
        filed_on = r["filed_at"].astimezone(dt.UTC).date() if r["filed_at"] else today
        reports[(r["task_id"], r["unit_id"])].append(
            rules.ReportFact(
                r["period_id"],
                r["period__end"],
                r["status"],
                r["percent"],
                filed_on,
                rows["readings"][r["id"]],
            )
        )
    indicators: dict[int, list[rules.IndicatorFact]] = defaultdict(list)
    for i in rows["indicators"]:
        indicators[i.task_id].append(rules.IndicatorFact(i.pk, i.name, i.kind, i.comparator, i.value, i.unit))
    milestones: dict[int, list[tuple[int | None, rules.MilestoneFact]]] = defaultdict(list)
    for m in rows["milestones"]:
        milestones[m.task_id].append((m.unit_id, rules.MilestoneFact(m.title, m.due_date, m.done_on)))
    extended: dict[tuple[int, int], dt.date] = {(t, u): d for t, u, d in rows["extensions"]}
    overrides = {o.task_id: o for o in rows["overrides"]}
    leads: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in rows["leads"]:
        leads[task_id].append(unit_id)
    out: dict[int, TaskLight] = {}
    for task in tasks:
        plan = plans[task.plan_id]
        region_id = plan.region_id
        units: dict[int, rules.Light] = {}
        for unit_id in leads[task.pk]:
            prev = previous.get(task.pk, {}).get(str(unit_id))
            facts = rules.UnitFacts(
                plan_start=dt.date(plan.year, 1, 1),
                task_due=task.due_date,
                periods=periods_by_plan[plan.pk],
                reports=reports[(task.pk, unit_id)],
                indicators=indicators[task.pk],
                milestones=[m for u, m in milestones[task.pk] if u in (None, unit_id)],
                adjusted=rows["adjusted"].get(task.pk)
                or ("任务已撤销" if task.status == Task.Status.WITHDRAWN else None),
                extended_to=extended.get((task.pk, unit_id)),
                previous=prev[0] if prev else None,
            )
            units[unit_id] = rules.unit_light(
                facts, today=today, cal=cals[region_id], config=configs[region_id]
            )
        light = rules.task_light(units.values())
        override = overrides.get(task.pk)
        if override is not None:
            light = rules.overridden(
                light, color=override.color, reason=override.reason, by=override.by_name, on=override.on
            )
        out[task.pk] = TaskLight(light.color, light.reasons, units, override is not None)
    return out


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
    lights = compute(task_list, today=today)
    private = may_see_blue(viewer, lights, {t.plan.region_id for t in task_list})
    out: dict[int, TaskLight] = {}
    for task_id, light in lights.items():
        if task_id in private or light.color != rules.BLUE:
            out[task_id] = light
        else:
            shown = rules.public(rules.Light(light.color, light.reasons))
            out[task_id] = TaskLight(shown.color, shown.reasons, {}, light.overridden)
    return out


def _has_region(task: Task) -> bool:
    state = task._state.fields_cache
    plan = state.get("plan")
    return plan is not None and "region" in plan._state.fields_cache
