"""What a user's memberships say about them. Read once per request; access helpers build on it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orgs.models import Membership, Role, Unit


@dataclass(frozen=True)
class Roles:
    is_admin: bool = False
    supervised_regions: frozenset[int] = field(default_factory=frozenset)
    observed_regions: frozenset[int] = field(default_factory=frozenset)
    leader_regions: frozenset[int] = field(default_factory=frozenset)
    leader_person_ids: frozenset[int] = field(default_factory=frozenset)
    liaison_units: frozenset[int] = field(default_factory=frozenset)
    unit_leader_units: frozenset[int] = field(default_factory=frozenset)
    # (group, member) links of this user's units, read once per request by group_links
    _groups: dict[frozenset[int], list[tuple[int, int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def member_units(self) -> frozenset[int]:
        return self.liaison_units | self.unit_leader_units

    @property
    def readable_regions(self) -> frozenset[int]:
        """Regions where the user may read every task (supervisor, observer)."""
        return self.supervised_regions | self.observed_regions

    def supervises(self, region_id: int) -> bool:
        return self.is_admin or region_id in self.supervised_regions


def roles_of(user: Any) -> Roles:
    if user is None or not getattr(user, "is_authenticated", False):  # a command names itself by a string
        return Roles()
    cached = getattr(user, "_duban_roles", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    sets: dict[str, set[int]] = {r: set() for r in Role.values}
    leader_people: set[int] = set()
    for m in Membership.objects.filter(user=user).only("role", "region_id", "unit_id", "person_id"):
        if m.role in (Role.LIAISON, Role.UNIT_LEADER):
            if m.unit_id:
                sets[m.role].add(m.unit_id)
        else:
            sets[m.role].add(m.region_id)
        if m.role == Role.LEADER and m.person_id:
            leader_people.add(m.person_id)
    roles = Roles(
        is_admin=bool(user.is_superuser),
        supervised_regions=frozenset(sets[Role.SUPERVISOR]),
        observed_regions=frozenset(sets[Role.OBSERVER]),
        leader_regions=frozenset(sets[Role.LEADER]),
        leader_person_ids=frozenset(leader_people),
        liaison_units=frozenset(sets[Role.LIAISON]),
        unit_leader_units=frozenset(sets[Role.UNIT_LEADER]),
    )
    user._duban_roles = roles
    return roles


def is_command_line(actor: Any) -> bool:
    """A management command acts as the office: it is named by a string ("manage.py import_plan")."""
    return isinstance(actor, str) and actor.startswith("manage.py ")


def require_office(actor: Any, region_id: int | None) -> None:
    """The region's supervision office, an admin, or the command line (region None: admins only)."""
    from django.core.exceptions import PermissionDenied

    if is_command_line(actor):
        return
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("not signed in")
    roles = roles_of(actor)
    if roles.is_admin or (region_id is not None and region_id in roles.supervised_regions):
        return
    raise PermissionDenied("not the supervision office of this region")


def require_unit_roles(actor: Any, region_id: int) -> None:
    """A unit's liaison and leader are given by the region's office (from its roster), an admin or a command."""
    require_office(actor, region_id)


def require_admin(actor: Any) -> None:
    """Accounts and roles are given by an admin or the command line."""
    from django.core.exceptions import PermissionDenied

    if is_command_line(actor) or (getattr(actor, "is_authenticated", False) and roles_of(actor).is_admin):
        return
    raise PermissionDenied("only an administrator gives accounts and roles")


def group_links(roles: Roles, unit_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(group id, member unit id) for each group the given units belong to (各镇（街道） holds each town) —
    one query per request and set of units, kept with the user's roles like the roles themselves."""
    key = frozenset(unit_ids)
    if not key:
        return []
    found = roles._groups.get(key)
    if found is None:
        found = list(
            Unit.members.through.objects.filter(to_unit_id__in=key).values_list("from_unit_id", "to_unit_id")
        )
        roles._groups[key] = found
    return found
