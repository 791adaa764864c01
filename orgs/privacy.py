"""Who sees a person's phone number in full: the region's supervision office, the person's own unit, the
person; everyone else sees it masked (138****5678)."""

from __future__ import annotations

from typing import Any

from orgs.models import Person
from orgs.roles import roles_of

VISIBLE_HEAD, VISIBLE_TAIL = 3, 4


def mask_phone(phone: str) -> str:
    if not phone:
        return ""
    if len(phone) <= VISIBLE_HEAD + VISIBLE_TAIL:
        return "*" * len(phone)
    return phone[:VISIBLE_HEAD] + "*" * (len(phone) - VISIBLE_HEAD - VISIBLE_TAIL) + phone[-VISIBLE_TAIL:]


def may_see_phone(viewer: Any, person: Person) -> bool:
    roles = roles_of(viewer)
    if roles.is_admin or person.region_id in roles.supervised_regions:
        return True
    if person.unit_id is not None and person.unit_id in roles.member_units:
        return True
    return bool(person.user_id and person.user_id == getattr(viewer, "pk", None))


def phone_for(viewer: Any, person: Person) -> str:
    return person.phone if may_see_phone(viewer, person) else mask_phone(person.phone)
