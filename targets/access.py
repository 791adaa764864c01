"""One access helper per object type: who may see which plan and task.

- admin: everything; supervisor and observer: every plan and task of their regions;
- liaison and unit leader: the tasks their unit (or a group their unit belongs to) is assigned to;
- leader: the tasks whose leaders include them.
"Not yours" is a 404 (Http404), never a hint that the object exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from orgs.models import Unit
from orgs.roles import Roles, group_links, is_command_line, require_office, roles_of
from targets.models import Assignment, Indicator, Plan, Section, Task, TaskLeader


def _unit_scope(roles: Roles) -> set[int]:
    """The user's units plus the groups they belong to (各镇（街道） covers each town)."""
    units = set(roles.member_units)
    return units | {group for group, _ in group_links(roles, units)}


def task_filter(user: Any) -> Q | None:
    """A Q over Task for what the user may read; None means everything."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    q = Q(pk__in=[])
    if roles.readable_regions:
        q |= Q(plan__region_id__in=roles.readable_regions)
    units = _unit_scope(roles)
    if units:
        q |= Q(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit_id__in=units)))
    if roles.leader_person_ids:
        q |= Q(Exists(TaskLeader.objects.filter(task=OuterRef("pk"), person_id__in=roles.leader_person_ids)))
    return q


def visible_tasks(user: Any) -> QuerySet[Task]:
    q = task_filter(user)
    qs = Task.objects.all()
    return qs if q is None else qs.filter(q)


def visible_plans(user: Any) -> QuerySet[Plan]:
    roles = roles_of(user)
    qs = Plan.objects.select_related("region")
    if roles.is_admin:
        return qs
    return qs.filter(
        Q(region_id__in=roles.readable_regions) | Q(pk__in=visible_tasks(user).values("plan_id"))
    )


def access_plan(user: Any, plan_id: int) -> Plan:
    plan = visible_plans(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("plan not found")
    return plan


def reads_task(user: Any, task: Task) -> bool:
    """task_filter's rule for one task in hand: the same answer as `visible_tasks(user).filter(pk=task.pk)`,
    without building the filter's subqueries (they were a tenth of a report form's time under load)."""
    roles = roles_of(user)
    if roles.is_admin or task.plan.region_id in roles.readable_regions:
        return True
    units = _unit_scope(roles)
    if units and Assignment.objects.filter(task_id=task.pk, unit_id__in=units).exists():
        return True
    return bool(
        roles.leader_person_ids
        and TaskLeader.objects.filter(task_id=task.pk, person_id__in=roles.leader_person_ids).exists()
    )


def access_task(user: Any, task_id: int) -> Task:
    """The task with its plan, region and section (one query), if the user may read it; else 404."""
    # one row at most: ordered by its key, not by the default ordering (which joins the plan and its region)
    task = Task.objects.select_related("plan__region", "section").filter(pk=task_id).order_by("pk").first()
    if task is None or not reads_task(user, task):
        raise Http404("task not found")
    return task


def can_supervise(user: Any, plan: Plan) -> bool:
    return roles_of(user).supervises(plan.region_id)


def require_plan_editor(actor: Any, region_id: int) -> None:
    """Only the region's supervision office (or an admin, or the command line) changes its plans."""
    require_office(actor, region_id)


def leading_units(actor: Any, task: Task) -> list[int]:
    """The actor's own units (liaison or unit leader) that lead the task, directly or through a group
    (a town leads a task given to 各镇（街道）)."""
    if not getattr(actor, "is_authenticated", False):
        return []
    mine = set(roles_of(actor).member_units)
    if not mine:
        return []
    members: dict[int, set[int]] = {u: {u} for u in mine}
    for group_id, member_id in Unit.members.through.objects.filter(to_unit_id__in=mine).values_list(
        "from_unit_id", "to_unit_id"
    ):
        members.setdefault(group_id, set()).add(member_id)
    leads = Assignment.objects.filter(task=task, role=Assignment.Role.LEAD, unit_id__in=members.keys())
    return sorted({own for u in leads.values_list("unit_id", flat=True) for own in members[u]})


def require_milestone_editor(actor: Any, task: Task, unit_id: int | None) -> None:
    """The region's office edits any milestone; a lead unit's liaison or unit leader edits its own unit's
    milestones on the tasks it leads (the unit work list). A milestone of no unit is the office's."""
    if is_command_line(actor):
        return
    if getattr(actor, "is_authenticated", False) and roles_of(actor).supervises(task.plan.region_id):
        return
    if unit_id is not None and unit_id in leading_units(actor, task):
        return
    raise PermissionDenied("only the office or a lead unit of this task edits its milestones")


def access_task_to_edit(user: Any, task_id: int) -> Task:
    """A task the user may read (else 404) and edit as its region's office (else 403)."""
    task = access_task(user, task_id)
    require_plan_editor(user, task.plan.region_id)
    return task


def access_plan_to_edit(user: Any, plan_id: int) -> Plan:
    """A plan the user may read (else 404) and edit as its region's office (else 403)."""
    plan = access_plan(user, plan_id)
    require_plan_editor(user, plan.region_id)
    return plan


def access_section_to_edit(user: Any, plan_id: int, section_id: int) -> Section:
    """A section of a plan the user may edit (404 when the section is not the plan's)."""
    plan = access_plan_to_edit(user, plan_id)
    section = Section.objects.filter(plan=plan, pk=section_id).select_related("plan__region").first()
    if section is None:
        raise Http404("section not found")
    return section


def with_details(qs: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks with everything a list shows (section, units, leaders, indicators) in a fixed number of queries."""
    return qs.select_related("section").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("unit").order_by("role", "order"),
            to_attr="assignment_list",
        ),
        Prefetch(
            "task_leaders",
            queryset=TaskLeader.objects.select_related("person").order_by("order"),
            to_attr="leader_list",
        ),
        Prefetch("indicators", queryset=Indicator.objects.order_by("order"), to_attr="indicator_list"),
    )


def plan_tasks(user: Any, plan: Plan) -> QuerySet[Task]:
    """The tasks of a plan (already passed through access_plan) that the user may read, ready to list."""
    return with_details(visible_tasks(user).filter(plan=plan)).order_by("seq")


def visible_units(user: Any) -> QuerySet[Unit]:
    """Units of the regions the user reads in full, their own units, and the units on tasks they see."""
    roles = roles_of(user)
    qs = Unit.objects.select_related("region", "parent")
    if roles.is_admin:
        return qs
    q = Q(region_id__in=roles.readable_regions) | Q(pk__in=roles.member_units)
    q |= Q(pk__in=Assignment.objects.filter(task__in=visible_tasks(user)).values("unit_id"))
    return qs.filter(q)
