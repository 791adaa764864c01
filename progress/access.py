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
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from orgs.models import Unit
from orgs.roles import Roles, group_links, is_command_line, require_office, roles_of
from progress.models import Evidence, Period, ProgressReport
from targets.access import access_plan, access_task
from targets.models import Assignment, Plan, Task, TaskLeader


class Action(StrEnum):
    READ = "read"
    FILE = "file"
    CO_INPUT = "co_input"
    SIGN_OFF = "sign_off"
    REVIEW = "review"


def expand_groups(unit_ids: set[int], roles: Roles | None = None) -> dict[int, int]:
    """Map each unit the user acts for, and each group containing it, to the user's own unit
    (with the user's `roles`, the groups are read once per request)."""
    own = {u: u for u in unit_ids}
    if unit_ids:
        links = (
            group_links(roles, unit_ids)
            if roles is not None
            else Unit.members.through.objects.filter(to_unit_id__in=unit_ids).values_list(
                "from_unit_id", "to_unit_id"
            )
        )
        for group_id, member_id in links:
            own.setdefault(group_id, member_id)
    return own


def units_for(user: Any, task: Task, *, role: str, acting_as: str = "liaison") -> list[int]:
    """The user's own units that hold `role` (lead / co) on the task, directly or through a group
    (a town files for a task given to 各镇（街道）). `acting_as`: liaison or unit_leader."""
    roles = roles_of(user)
    mine = set(roles.liaison_units if acting_as == "liaison" else roles.unit_leader_units)
    if not mine:
        return []
    own = expand_groups(mine, roles)
    # no ORDER BY: the answer is a set (Assignment's default order joins the task, its plan and region)
    assigned = (
        Assignment.objects.filter(task=task, role=role, unit_id__in=own.keys())
        .order_by()
        .values_list("unit_id", flat=True)
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
    period = _period_of(task, period_id)
    return _reporting(task, period, _acting_units(user, task, for_action))


def reporting_for(task: Task, period_id: int, unit_ids: list[int]) -> Reporting:
    """What access_reporting answers, for a task and units that access_task_for has just given (the API
    checks the task before it reads the body, and need not check it twice)."""
    return _reporting(task, _period_of(task, period_id), unit_ids)


def _period_of(task: Task, period_id: int) -> Period:
    # by its key: Period's default order (its plan's, then the region's name) would join both for one row
    period = Period.objects.filter(pk=period_id, plan_id=task.plan_id).order_by("pk").first()
    if period is None:
        raise Http404("period not found")
    period.plan = task.plan
    return period


def _reporting(task: Task, period: Period, unit_ids: list[int]) -> Reporting:
    unit = Unit.objects.get(pk=unit_ids[0]) if unit_ids else None
    return Reporting(task, period, unit)


def report_filter(user: Any) -> Q | None:
    """A Q over ProgressReport for what the user may read; None means everything.

    The office, observers and the task's leaders read every report of the task; a unit assigned to the
    task itself reads them all too (a co-unit reads the lead unit's). A unit that has the task only through
    a group (a town, for 各镇（街道）) reads its own reports: each town's report is its own.
    """
    roles = roles_of(user)
    if roles.is_admin:
        return None
    q = Q(pk__in=[])
    if roles.readable_regions:
        q |= Q(task__plan__region_id__in=roles.readable_regions)
    if roles.leader_person_ids:
        leads = TaskLeader.objects.filter(task=OuterRef("task_id"), person_id__in=roles.leader_person_ids)
        q |= Q(Exists(leads))
    if roles.member_units:
        assigned = Assignment.objects.filter(task=OuterRef("task_id"), unit_id__in=roles.member_units)
        q |= Q(Exists(assigned)) | Q(unit_id__in=roles.member_units)
    return q


def visible_reports(user: Any) -> QuerySet[ProgressReport]:
    q = report_filter(user)
    qs = ProgressReport.objects.select_related(
        "task__plan__region", "unit", "period", "filed_by", "reviewed_by", "signed_off_by"
    )
    return qs if q is None else qs.filter(q)


def own_unit_reports(user: Any) -> QuerySet[ProgressReport]:
    """The reports of the user's own units (liaison or unit leader), whatever task they are on."""
    return ProgressReport.objects.filter(unit_id__in=roles_of(user).member_units)


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


def access_co_unit_period(user: Any, period_id: int, unit_id: int) -> tuple[Period, Unit]:
    """A period and one of the user's units answering as a co-unit for it ("本期无协办事项"): 404 when
    the period's plan is not the user's, 403 when the unit is not one the user is liaison of."""
    period = access_period(user, period_id, for_action=Action.READ)
    if unit_id not in roles_of(user).liaison_units:
        raise PermissionDenied
    unit = Unit.objects.filter(pk=unit_id, region_id=period.plan.region_id).first()
    if unit is None:
        raise Http404("unit not found")
    return period, unit


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


# ---- who may act: the services call these with the object in hand (a page or the API has already
# passed the access_* helper above; the check is repeated so no caller can skip it) ----------------------


def check_office(actor: Any, region_id: int | None) -> None:
    """The region's supervision office, an admin, or the command line (region None: every region)."""
    require_office(actor, region_id)


def check_filer(actor: Any, task: Task, unit: Unit) -> None:
    """The liaison of `unit`, which leads the task itself or through a group (各镇（街道）); or the region's
    office filing on the unit's behalf (the 台账 round trip), which must still name a lead unit."""
    if (
        _office_of(actor, task)
        and Assignment.objects.filter(
            task=task,
            role=Assignment.Role.LEAD,
            unit_id__in=[unit.pk, *unit.groups.values_list("pk", flat=True)],
        ).exists()
    ):
        return
    if unit.pk not in units_for(actor, task, role=Assignment.Role.LEAD):
        raise PermissionDenied("not the liaison of a lead unit of this task")


def _office_of(actor: Any, task: Task) -> bool:
    if is_command_line(actor):
        return True
    return bool(getattr(actor, "is_authenticated", False)) and roles_of(actor).supervises(task.plan.region_id)


def check_co_unit(actor: Any, task: Task, unit: Unit) -> None:
    if unit.pk not in units_for(actor, task, role=Assignment.Role.CO):
        raise PermissionDenied("not the liaison of a co-unit of this task")


def check_co_unit_liaison(actor: Any, unit: Unit) -> None:
    """The liaison of `unit`, answering for its co-unit tasks (the tasks come from the unit's own
    assignments, so each is a co-unit task of that unit)."""
    if unit.pk not in roles_of(actor).liaison_units:
        raise PermissionDenied("not the liaison of this unit")


def check_signer(actor: Any, report: ProgressReport) -> None:
    if report.unit_id not in roles_of(actor).unit_leader_units:
        raise PermissionDenied("not the unit leader of this report's unit")


# ---- what a page offers: the same decisions, asked by views so templates only show them ------------------


@dataclass(frozen=True)
class ReportOffers:
    review: bool
    sign_off: bool  # sign off, or send back to the liaison
    edit: bool
    reopen: bool


def report_offers(user: Any, report: ProgressReport) -> ReportOffers:
    """Which actions the report's page offers this user now (each also checked again when posted)."""
    roles = roles_of(user)
    State = ProgressReport.State
    return ReportOffers(
        review=roles.supervises(report.task.plan.region_id) and report.state == State.FILED,
        sign_off=report.unit_id in roles.unit_leader_units and report.state == State.PENDING_SIGNOFF,
        edit=report.unit_id in roles.liaison_units and report.editable,
        reopen=roles.supervises(report.task.plan.region_id)
        and report.state == State.ACCEPTED
        and not report.period.locked,
    )


def can_edit_calendar(user: Any, plan: Plan) -> bool:
    return roles_of(user).supervises(plan.region_id)


def can_assign_roles(user: Any) -> bool:
    """The admin site's membership form (staff only) is where a unit leader is assigned."""
    return bool(getattr(user, "is_staff", False))
