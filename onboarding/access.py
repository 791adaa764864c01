"""Who may manage a region's people: its supervision office, and administrators."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from orgs.models import Person, Region
from orgs.roles import roles_of


def access_region_people(user: Any, region_id: int) -> Region:
    """The region, if the user runs its office (404 otherwise: not theirs to know about)."""
    roles = roles_of(user)
    region = Region.objects.filter(pk=region_id).first()
    if region is None or not roles.supervises(region.pk):
        raise Http404
    return region


def access_person(user: Any, person_id: int) -> Person:
    person = Person.objects.select_related("region", "unit", "user").filter(pk=person_id).first()
    if person is None or not roles_of(user).supervises(person.region_id):
        raise Http404
    return person


def may_create_regions(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))
