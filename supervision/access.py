"""One access helper per object type of the supervision loop: notices, extensions, the desk.

- the supervision office of the region (and admin): everything, drafts included, and every decision;
- the liaison of the notice's unit: reads it once issued, answers it; asks for extensions of its tasks;
- the unit leader (分管领导) of that unit: reads it, approves the answer and extension requests;
- the district leader of the task: reads issued notices of the task;
- an observer of the region (纪委, 人大: DESIGN.md "read-only, incl. escalations"): reads its issued notices.
Not yours → 404 (Http404); yours but not this action → 403 (PermissionDenied).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from orgs.roles import roles_of
from supervision.models import Extension, Notice
from targets.models import TaskLeader

HIDDEN_FROM_UNITS = (Notice.State.DRAFT, Notice.State.DISMISSED)


class Action(StrEnum):
    READ = "read"
    ANSWER = "answer"
    APPROVE = "approve"
    DECIDE = "decide"


def notice_filter(user: Any) -> Q | None:
    """A Q over Notice for what the user may read; None means everything."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    q = Q(pk__in=[])
    if roles.supervised_regions:
        q |= Q(region_id__in=roles.supervised_regions)
    issued = ~Q(state__in=HIDDEN_FROM_UNITS)
    if roles.observed_regions:
        q |= Q(region_id__in=roles.observed_regions) & issued
    if roles.member_units:
        q |= Q(unit_id__in=roles.member_units) & issued
    if roles.leader_person_ids:
        led = TaskLeader.objects.filter(person_id__in=roles.leader_person_ids).values("task_id")
        q |= Q(task_id__in=led) & issued
    return q


def visible_notices(user: Any) -> QuerySet[Notice]:
    q = notice_filter(user)
    qs = Notice.objects.select_related("task", "unit", "region")
    return qs if q is None else qs.filter(q)


def access_notice(user: Any, notice_id: int, *, for_action: Action = Action.READ) -> Notice:
    notice = visible_notices(user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404("notice not found")
    roles = roles_of(user)
    allowed = {
        Action.READ: True,
        Action.ANSWER: notice.unit_id in roles.liaison_units,
        Action.APPROVE: notice.unit_id in roles.unit_leader_units,
        Action.DECIDE: roles.supervises(notice.region_id),
    }[for_action]
    if not allowed:
        raise PermissionDenied("read-only")
    return notice


def access_extension(user: Any, extension_id: int, *, for_action: Action) -> Extension:
    ext = Extension.objects.select_related("task__plan__region", "unit").filter(pk=extension_id).first()
    roles = roles_of(user)
    if ext is None or not (roles.supervises(ext.task.plan.region_id) or ext.unit_id in roles.member_units):
        raise Http404("extension not found")
    allowed = {
        Action.READ: True,
        Action.ANSWER: ext.unit_id in roles.liaison_units,
        Action.APPROVE: ext.unit_id in roles.unit_leader_units,
        Action.DECIDE: roles.supervises(ext.task.plan.region_id),
    }[for_action]
    if not allowed:
        raise PermissionDenied("read-only")
    return ext


def supervised_regions(user: Any) -> frozenset[int] | None:
    """Regions whose desk the user runs; None: every region (admin); empty: not an office."""
    roles = roles_of(user)
    return None if roles.is_admin else roles.supervised_regions
