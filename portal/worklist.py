"""The unit work list (战术清单): a unit's tasks as lead and as co-unit, directly or through a group
(各镇（街道） for a town), each with its light, open notices and milestones. A constant number of queries
however many tasks the unit has."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from orgs.models import Unit
from portal.access import UnitAccess
from supervision.lights import TaskLight, lights_for_tasks
from supervision.models import Notice
from supervision.rules import COLOR_WORDS
from targets.models import Assignment, Milestone, Plan, Task


@dataclass
class WorkItem:
    task: Task
    role: str  # "lead" or "co"
    via: str  # the group's name when the unit has the task through a group, else ""
    light: TaskLight | None = None
    notices: list[Notice] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    editable: bool = False  # milestones may be added
    editable_milestones: frozenset[int] = frozenset()
    add_form: Any = None  # set by the page

    @property
    def light_word(self) -> str:
        return COLOR_WORDS.get(self.light.color, "") if self.light else ""

    @property
    def is_lead(self) -> bool:
        return self.role == Assignment.Role.LEAD


def unit_scope(unit: Unit) -> dict[int, str]:
    """The unit and the groups it belongs to: unit id → the group's name ("" for the unit itself)."""
    scope = {unit.pk: ""}
    for group in Unit.objects.filter(members=unit).only("id", "name"):
        scope[group.pk] = group.name
    return scope


def unit_plans(scope: dict[int, str]) -> list[Plan]:
    """The plans in which the unit (or one of its groups) has a task, newest first."""
    return list(
        Plan.objects.filter(tasks__assignments__unit_id__in=scope.keys())
        .distinct()
        .select_related("region")
        .order_by("-year", "pk")
    )


def _items(scope: dict[int, str], plan: Plan) -> list[WorkItem]:
    rows = (
        Assignment.objects.filter(unit_id__in=scope.keys(), task__plan=plan, task__status=Task.Status.ACTIVE)
        .select_related("task__plan__region", "task__section")
        .order_by("task__seq", "role")
    )
    items: dict[int, WorkItem] = {}
    for a in rows:
        item = items.get(a.task_id)
        if item is None or (a.role == Assignment.Role.LEAD and not item.is_lead):
            items[a.task_id] = WorkItem(a.task, a.role, scope[a.unit_id])
        elif a.role == item.role and not scope[a.unit_id]:
            item.via = ""  # the unit is named itself as well as through a group
    return sorted(items.values(), key=lambda i: i.task.seq)


def work_list(user: Any, access: UnitAccess, plan: Plan, *, today: dt.date) -> list[WorkItem]:
    scope = unit_scope(access.unit)
    items = _items(scope, plan)
    if not items:
        return []
    tasks = [i.task for i in items]
    task_ids = [t.pk for t in tasks]
    lights = lights_for_tasks(tasks, today=today, viewer=user)
    notices: dict[int, list[Notice]] = defaultdict(list)
    for n in Notice.objects.filter(
        task_id__in=task_ids, unit=access.unit, state__in=Notice.OPEN_STATES
    ).order_by("answer_due", "pk"):
        notices[n.task_id].append(n)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in (
        Milestone.objects.filter(task_id__in=task_ids)
        .filter(Q(unit__isnull=True) | Q(unit=access.unit))
        .order_by("due_date", "pk")
    ):
        milestones[m.task_id].append(m)
    for item in items:
        item.light = lights.get(item.task.pk)
        item.notices = notices[item.task.pk]
        item.milestones = milestones[item.task.pk]
        item.editable = access.office or (access.own and item.is_lead)
        if item.editable:
            item.editable_milestones = frozenset(
                m.pk for m in item.milestones if access.office or m.unit_id == access.unit.pk
            )
    return items


def counts(items: list[WorkItem]) -> dict[str, int]:
    """How many tasks as lead and as co-unit, and how many of each light."""
    out: dict[str, int] = defaultdict(int)
    for item in items:
        out[item.role] += 1
        if item.light:
            out[item.light.color] += 1
        out["notices"] += len(item.notices)
    return dict(out)
