"""The lights as they were computed before issue #15 (every report loaded as a dict, the rules' rows
grouped in one loop): an oracle for tests/supervision/test_lights_same.py. Not used by the application."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from progress.models import IndicatorReading, Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from supervision import rules
from supervision.lights import TaskLight, calendars, config_for
from supervision.models import Adjustment, Extension, LadderRound, LightOverride, LightSnapshot
from targets.models import Assignment, Indicator, Milestone, Task
from targets.models import Plan as PlanModel


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
