"""Who may see which dashboard and who may act on 投诉建议. Permission decisions live here only.

- office dashboard and burden: the region's supervision office (acts: remind), admins (every region),
  observers (read-only); everyone else 403;
- cockpit: a district leader reads their own portfolio; the office, admins and observers of the leader's
  region read any leader's cockpit (read-only); anyone else 404;
- feedback: a unit's liaison and unit leader submit and read their units' rows; the office (and admins)
  read and answer the region's; leaders and observers of the region read them.
Not yours → 404 (Http404); yours but read-only for that action → 403 (PermissionDenied).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dashboards.models import Feedback
from orgs.models import Person, Region, Unit
from orgs.roles import roles_of


@dataclass(frozen=True)
class Board:
    """The region a dashboard shows, the regions the reader may switch to, and whether they may act."""

    region: Region
    choices: list[Region]
    may_act: bool


def dashboard_regions(user: Any) -> QuerySet[Region]:
    roles = roles_of(user)
    if roles.is_admin:
        return Region.objects.order_by("name")
    return Region.objects.filter(pk__in=roles.supervised_regions | roles.observed_regions).order_by("name")


def office_board(user: Any, region_id: int | None = None) -> Board:
    """The office dashboard's region (the first one the user reads unless asked); 403 when not an office
    reader, 404 for a region that is not theirs."""
    choices = list(dashboard_regions(user))
    if not choices:
        raise PermissionDenied("the dashboards are the supervision office's")
    if region_id is None:
        region = choices[0]
    else:
        found = [r for r in choices if r.pk == region_id]
        if not found:
            raise Http404("region not found")
        region = found[0]
    return Board(region=region, choices=choices, may_act=roles_of(user).supervises(region.pk))


def require_office(user: Any, region: Region) -> None:
    """The supervision office of the region (or an admin): may act on its dashboard."""
    if not roles_of(user).supervises(region.pk):
        raise PermissionDenied("read-only")


def cockpit_people(user: Any, person_id: int | None = None) -> list[Person]:
    """The leaders whose portfolio the user opens: their own (no id), or one leader by id."""
    roles = roles_of(user)
    if person_id is None:
        if not roles.leader_person_ids:
            raise PermissionDenied("the cockpit is a district leader's")
        return list(Person.objects.filter(pk__in=roles.leader_person_ids).select_related("region"))
    person = Person.objects.select_related("region").filter(pk=person_id).first()
    if person is None:
        raise Http404("leader not found")
    mine = person.pk in roles.leader_person_ids
    reads_region = roles.is_admin or person.region_id in (roles.supervised_regions | roles.observed_regions)
    if not (mine or reads_region):
        raise Http404("leader not found")
    return [person]


def feedback_units(user: Any) -> QuerySet[Unit]:
    """The units the user may submit 投诉建议 for (their own as liaison or unit leader)."""
    return Unit.objects.filter(pk__in=roles_of(user).member_units).select_related("region").order_by("name")


def require_submitter(user: Any, unit_id: int) -> Unit:
    unit = feedback_units(user).filter(pk=unit_id).first()
    if unit is None:
        raise PermissionDenied("only the unit's liaison or leader submits for it")
    return unit


def feedback_filter(user: Any) -> Q | None:
    """A Q over Feedback for what the user may read; None: everything (admin)."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    regions = roles.supervised_regions | roles.observed_regions | roles.leader_regions
    return Q(region_id__in=regions) | Q(unit_id__in=roles.member_units)


def has_feedback_access(user: Any) -> bool:
    roles = roles_of(user)
    return bool(
        roles.is_admin
        or roles.supervised_regions
        or roles.observed_regions
        or roles.leader_regions
        or roles.member_units
    )


def visible_feedback(user: Any) -> QuerySet[Feedback]:
    if not has_feedback_access(user):
        raise PermissionDenied("no role")
    q = feedback_filter(user)
    rows = Feedback.objects.select_related("unit", "region", "submitted_by", "answered_by")
    return rows if q is None else rows.filter(q)


def access_feedback(user: Any, feedback_id: int, *, answer: bool = False) -> Feedback:
    found = visible_feedback(user).filter(pk=feedback_id).first()
    if found is None:
        raise Http404("feedback not found")
    if answer and not roles_of(user).supervises(found.region_id):
        raise PermissionDenied("only the supervision office answers")
    return found


def may_answer(user: Any, feedback: Feedback) -> bool:
    return roles_of(user).supervises(feedback.region_id)
