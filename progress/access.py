"""One access helper per object type of the reporting loop. Built on targets.access and orgs.roles.

Who may do what (DESIGN.md's role table):
- read a report, period or timeline: whoever may read the task (supervisor and observer of the region,
  lead and co-units' liaison and leader, the district leader of the task);
- file a report, confirm "no change", attach evidence: the liaison of a lead unit;
- add co-unit input: the liaison of a co-unit;
- sign off: the unit leader of the lead unit;
- accept, return, close a period's review, edit the calendar: the supervision office of the region.
Not yours → 404 (Http404); yours but read-only for that action → 403 (PermissionDenied).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from orgs.models import Unit
from orgs.roles import roles_of
from progress.models import Evidence, Period, ProgressReport
from targets.access import access_plan, access_task, task_filter
from targets.models import Assignment, Plan, Task


class Action(StrEnum):
    READ = "read"
    FILE = "file"
    CO_INPUT = "co_input"
    SIGN_OFF = "sign_off"
    REVIEW = "review"


def expand_groups(unit_ids: set[int]) -> dict[int, int]:
    """Map each unit the user acts for, and each group containing it, to the user's own unit."""
    own = {u: u for u in unit_ids}
    if unit_ids:
        for group_id, member_id in Unit.members.through.objects.filter(to_unit_id__in=unit_ids).values_list(
            "from_unit_id", "to_unit_id"
        ):
            own.setdefault(group_id, member_id)
    return own


def units_for(user: Any, task: Task, *, role: str, acting_as: str = "liaison") -> list[int]:
    """The user's own units that hold `role` (lead / co) on the task, directly or through a group
    (a town files for a task given to 各镇（街道）). `acting_as`: liaison or unit_leader."""
    roles = roles_of(user)
    mine = set(roles.liaison_units if acting_as == "liaison" else roles.unit_leader_units)
    if not mine:
        return []
    own = expand_groups(mine)
    assigned = Assignment.objects.filter(task=task, role=role, unit_id__in=own.keys()).values_list(
        "unit_id", flat=True
    )
    return sorted({own[u] for u in assigned})


@dataclass(frozen=True)
class Reporting:
    """The task, period and (for FILE / CO_INPUT) the user's unit a report or co-input is for."""

    task: Task
    period: Period
    unit: Unit | None


def _acting_units(user: Any, task: Task, for_action: Action) -> list[int]:
    if for_action == Action.READ:
        return []
    if for_action == Action.FILE:
        unit_ids = units_for(user, task, role=Assignment.Role.LEAD)
    elif for_action == Action.CO_INPUT:
        unit_ids = units_for(user, task, role=Assignment.Role.CO)
    else:
        unit_ids = []
    if not unit_ids:
        raise PermissionDenied
    return unit_ids


def access_task_for(user: Any, task_id: int, *, for_action: Action) -> tuple[Task, list[int]]:
    """The task (404 when not the user's) and the user's units that may act on it (403 when none):
    lead units for FILE, co-units for CO_INPUT."""
    task = access_task(user, task_id)
    return task, _acting_units(user, task, for_action)


def access_reporting(user: Any, task_id: int, period_id: int, *, for_action: Action) -> Reporting:
    task = access_task(user, task_id)
    period = Period.objects.filter(pk=period_id, plan_id=task.plan_id).first()
    if period is None:
        raise Http404("period not found")
    period.plan = task.plan
    unit_ids = _acting_units(user, task, for_action)
    unit = Unit.objects.get(pk=unit_ids[0]) if unit_ids else None
    return Reporting(task, period, unit)


def report_filter(user: Any) -> Q | None:
    """A Q over ProgressReport for what the user may read; None means everything."""
    q = task_filter(user)
    if q is None:
        return None
    return Q(task__in=Task.objects.filter(q).values("pk"))


def visible_reports(user: Any) -> QuerySet[ProgressReport]:
    q = report_filter(user)
    qs = ProgressReport.objects.select_related(
        "task__plan__region", "unit", "period", "filed_by", "reviewed_by", "signed_off_by"
    )
    return qs if q is None else qs.filter(q)


def access_report(user: Any, report_id: int, *, for_action: Action) -> ProgressReport:
    report = visible_reports(user).filter(pk=report_id).first()
    if report is None:
        raise Http404("report not found")
    roles = roles_of(user)
    if for_action == Action.READ:
        return report
    if for_action == Action.FILE:
        allowed = report.unit_id in roles.liaison_units
    elif for_action == Action.SIGN_OFF:
        allowed = report.unit_id in roles.unit_leader_units
    elif for_action == Action.REVIEW:
        allowed = roles.supervises(report.task.plan.region_id)
    else:
        allowed = False
    if not allowed:
        raise PermissionDenied
    return report


def access_period(user: Any, period_id: int, *, for_action: Action) -> Period:
    period = Period.objects.select_related("plan__region").filter(pk=period_id).first()
    if period is None:
        raise Http404("period not found")
    access_plan(user, period.plan_id)  # 404 when the plan is not the user's
    if for_action == Action.READ:
        return period
    if for_action == Action.REVIEW and roles_of(user).supervises(period.plan.region_id):
        return period
    raise PermissionDenied


def access_calendar(user: Any, plan_id: int, *, for_action: Action) -> Plan:
    """A plan's reporting calendar: everyone who sees the plan may read it, the office edits it."""
    plan = access_plan(user, plan_id)
    if for_action == Action.READ:
        return plan
    if for_action == Action.REVIEW and roles_of(user).supervises(plan.region_id):
        return plan
    raise PermissionDenied


def access_evidence(user: Any, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.filter(pk=evidence_id).only("id", "report_id").first()
    if evidence is None:
        raise Http404("evidence not found")
    report = access_report(user, evidence.report_id, for_action=Action.READ)
    full = Evidence.objects.get(pk=evidence_id)
    full.report = report
    return full


def review_regions(user: Any) -> frozenset[int] | None:
    """Regions whose review queue the user works; None for an admin (all). 403 for everyone else."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    if not roles.supervised_regions:
        raise PermissionDenied
    return roles.supervised_regions
