"""What is due for a user: reads the database once per kind of row, then asks progress.rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from orgs.models import Unit
from orgs.roles import roles_of
from progress.access import expand_groups
from progress.models import CoInput, Period, ProgressReport
from progress.rules import DueItem, Duty, PeriodInfo, ReportInfo, due_items, is_open
from targets.models import Assignment, Plan, Task


@dataclass(frozen=True)
class DueRow:
    item: DueItem
    task: Task
    period: Period
    unit: Unit
    report: ProgressReport | None

    @property
    def role(self) -> str:
        return "co" if self.item.action == "co_input" else "lead"


def _periods_for(plan_ids: set[int]) -> list[Period]:
    # Reading never writes: periods are created when a plan is confirmed, when its calendar is edited and
    # by `manage.py periods`; a plan without them simply has nothing due yet.
    return list(Period.objects.filter(plan_id__in=plan_ids))


def due_for(user: Any, *, today: dt.date) -> list[DueRow]:
    """Everything due for the user's units, soonest first (liaisons: file, fix, co-input; unit leaders:
    sign off). A constant number of queries however many tasks the unit has."""
    roles = roles_of(user)
    units = set(roles.liaison_units) | set(roles.unit_leader_units)
    if not units:
        return []
    own = expand_groups(units)
    rows = Assignment.objects.filter(
        unit_id__in=own.keys(),
        task__status=Task.Status.ACTIVE,
        task__plan__status=Plan.Status.ACTIVE,
    ).values_list("task_id", "unit_id", "role", "task__plan_id", "task__due_date", "task__seq")
    duties = {
        (task_id, own[unit_id], role): Duty(task_id, plan_id, own[unit_id], role, task_due, seq)
        for task_id, unit_id, role, plan_id, task_due, seq in rows
    }
    if not duties:
        return []
    plan_ids = {d.plan_id for d in duties.values()}
    periods = {p.id: p for p in _periods_for(plan_ids)}
    infos = [
        PeriodInfo(p.id, p.plan_id, p.kind, p.start, p.end, p.due_date, p.locked) for p in periods.values()
    ]
    task_ids = {d.task_id for d in duties.values()}
    reports = {
        r.id: r
        for r in ProgressReport.objects.filter(task_id__in=task_ids, period__plan_id__in=plan_ids).only(
            "id", "task_id", "unit_id", "period_id", "state", "status", "version", "review_comment"
        )
    }
    open_ids = [p.id for p in infos if is_open(p, today=today)]
    co_given = CoInput.objects.filter(
        task_id__in=task_ids, period_id__in=open_ids, unit_id__in=units
    ).values_list("task_id", "period_id", "unit_id")
    items = due_items(
        today=today,
        duties=duties.values(),
        periods=infos,
        reports=[
            ReportInfo(r.id, r.task_id, r.unit_id, r.period_id, r.state, r.status) for r in reports.values()
        ],
        co_inputs=list(co_given),
        filer_units=roles.liaison_units,
        signoff_units=roles.unit_leader_units,
    )
    tasks = Task.objects.in_bulk({i.task_id for i in items})
    unit_objs = Unit.objects.in_bulk({i.unit_id for i in items})
    return [
        DueRow(
            item=i,
            task=tasks[i.task_id],
            period=periods[i.period_id],
            unit=unit_objs[i.unit_id],
            report=reports.get(i.report_id) if i.report_id else None,
        )
        for i in items
    ]
