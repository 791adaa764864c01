"""Who reads the portal's pages: a unit's work list, the city view. The public page needs no one.

- unit page: the unit's own liaison and unit leader, the office and observers of its region, an admin,
  and a supervisor or observer of the region's parent (the city); anyone else gets 404;
- city view: a supervisor or observer of a region that has districts (Region.parent) reads each
  district's plans and tasks read-only; a district's own office does not read its siblings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404

from orgs.models import Region, Unit
from orgs.roles import roles_of
from targets.models import Plan, Task


@dataclass(frozen=True)
class UnitAccess:
    unit: Unit
    own: bool  # the user is the unit's liaison or unit leader
    office: bool  # the user is the office of the unit's region (or an admin)


def access_unit(user: Any, unit_id: int) -> UnitAccess:
    """The unit (404 when the user may not read its work list)."""
    unit = Unit.objects.select_related("region").filter(pk=unit_id).first()
    if unit is None or unit.is_group:
        raise Http404("unit not found")
    roles = roles_of(user)
    own = unit.pk in roles.member_units
    office = roles.supervises(unit.region_id)
    if own or office or unit.region_id in roles.readable_regions:
        return UnitAccess(unit, own, office)
    parent_id = unit.region.parent_id
    if parent_id is not None and parent_id in roles.readable_regions:
        return UnitAccess(unit, own=False, office=False)
    raise Http404("unit not found")


def readable_units(user: Any) -> list[Unit]:
    """The units whose work list the user reads: their own, and every unit of the regions they supervise
    or observe (groups left out: a group's tasks are on each member's list)."""
    roles = roles_of(user)
    units = Unit.objects.select_related("region").exclude(kind=Unit.Kind.GROUP).filter(active=True)
    if not roles.is_admin:
        units = units.filter(Q(pk__in=roles.member_units) | Q(region_id__in=roles.readable_regions))
    return list(units.order_by("region__name", "name"))


def city_regions(user: Any) -> list[Region]:
    """The regions with districts that the user reads as a supervisor or observer (all for an admin)."""
    roles = roles_of(user)
    parents = Region.objects.filter(children__isnull=False).distinct().order_by("name")
    if roles.is_admin:
        return list(parents)
    return list(parents.filter(pk__in=roles.readable_regions))


def access_city(user: Any, region_id: int) -> Region:
    """A region with districts, read by its supervisor or observer (404 otherwise)."""
    roles = roles_of(user)
    region = Region.objects.filter(pk=region_id, children__isnull=False).distinct().first()
    if region is None or not (roles.is_admin or region.pk in roles.readable_regions):
        raise Http404("region not found")
    return region


def access_district_plan(user: Any, region_id: int, plan_id: int) -> tuple[Region, Plan]:
    city = access_city(user, region_id)
    plan = Plan.objects.select_related("region").filter(pk=plan_id, region__parent=city).first()
    if plan is None:
        raise Http404("plan not found")
    return city, plan


def access_district_task(user: Any, region_id: int, task_id: int) -> tuple[Region, Task]:
    city = access_city(user, region_id)
    task = (
        Task.objects.select_related("plan__region", "section")
        .filter(pk=task_id, plan__region__parent=city)
        .first()
    )
    if task is None:
        raise Http404("task not found")
    return city, task
