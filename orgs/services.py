"""Business actions on regions, units, people and memberships. Each one is atomic and audited.

The naming rules the decomposition tables follow (a unit's kind from its suffix, a group phrase's members,
a parenthesised sub-office's parent) are plain functions of the name, so the import, the demo and the
admin all agree on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from rapidfuzz import fuzz, process

from audit.services import record
from orgs.account_audit import acting_as
from orgs.models import Membership, Person, Region, Role, Unit, UnitAlias
from orgs.roles import is_command_line, require_admin, require_office, require_unit_roles
from taskdoc import unitnames

Kind = Unit.Kind


def infer_unit_kind(name: str) -> str:
    """The kind a table's unit name implies (the rule lives in taskdoc.unitnames)."""
    return Kind(unitnames.unit_kind(name))


def is_group_phrase(name: str) -> bool:
    return unitnames.is_group_phrase(name)


def group_member_kinds(name: str) -> frozenset[str]:
    """Which kinds of the region's units a group phrase covers (empty: members are chosen by a person)."""
    return frozenset(Kind(k) for k in unitnames.group_member_kinds(name))


def parent_unit_name(name: str) -> str | None:
    return unitnames.parent_unit_name(name)


def short_unit_name(name: str) -> str:
    return unitnames.short_unit_name(name)


def _snapshot(obj: Any) -> dict[str, Any]:
    data = model_to_dict(obj)
    data.pop("members", None)
    return data


def find_units(region: Region, names: Iterable[str]) -> dict[str, Unit]:
    """The region's units known by these names, by canonical name or alias (two queries)."""
    wanted = set(names)
    found: dict[str, Unit] = {u.name: u for u in Unit.objects.filter(region=region, name__in=wanted)}
    missing = wanted - found.keys()
    if missing:
        for alias in UnitAlias.objects.filter(region=region, alias__in=missing).select_related("unit"):
            found[alias.alias] = alias.unit
    return found


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    name: str
    score: float


def closest_units(
    region: Region, name: str, *, limit: int = 3, units: list[Unit] | None = None
) -> list[Candidate]:
    """The region's units whose names (or aliases) come closest to `name`: 发改局 ↔ 区发改局."""
    pool = (
        units if units is not None else list(Unit.objects.filter(region=region).prefetch_related("aliases"))
    )
    labels: list[tuple[str, Unit]] = []
    for unit in pool:
        labels.append((unit.name, unit))
        labels.extend((a.alias, unit) for a in unit.aliases.all())
    best: dict[int, Candidate] = {}
    matches = process.extract(
        name, [label for label, _ in labels], scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=30
    )
    for _label, score, index in matches:
        unit = labels[index][1]
        if unit.pk not in best or best[unit.pk].score < score:
            best[unit.pk] = Candidate(unit.pk, unit.name, float(score))
    return sorted(best.values(), key=lambda c: (-c.score, c.name))[:limit]


@transaction.atomic
def create_unit(*, region: Region, name: str, by: Any, kind: str | None = None) -> Unit:
    """A new unit with the kind its name implies, under its parent office, in the groups that cover it."""
    require_office(by, region.pk)
    name = name.strip()
    kind = kind or infer_unit_kind(name)
    parent = None
    base = parent_unit_name(name)
    if base and kind != Kind.GROUP:
        parent = Unit.objects.filter(region=region, name=base).first()
    unit = Unit.objects.create(
        region=region, name=name, kind=kind, parent=parent, short_name=short_unit_name(name)
    )
    if kind == Kind.GROUP:
        member_kinds = group_member_kinds(name)
        if member_kinds:
            unit.members.set(Unit.objects.filter(region=region, kind__in=member_kinds).exclude(pk=unit.pk))
    else:
        for group in Unit.objects.filter(region=region, kind=Kind.GROUP):
            if kind in group_member_kinds(group.name):
                group.members.add(unit)
    # Offices named as a part of this unit (财政局（国资办）) created before it now find their parent.
    Unit.objects.filter(region=region, parent__isnull=True, name__startswith=name + "（").exclude(
        kind=Kind.GROUP
    ).update(parent=unit)
    after = _snapshot(unit) | {"members": sorted(unit.members.values_list("name", flat=True))}
    record(actor=by, verb="unit.created", obj=unit, after=after)
    return unit


@transaction.atomic
def add_unit_alias(*, unit: Unit, alias: str, by: Any) -> UnitAlias | None:
    """Record that the tables also call `unit` by `alias` (发改局 = 区发改局). No-op if already known."""
    require_office(by, unit.region_id)
    alias = alias.strip()
    if not alias or alias == unit.name:
        return None
    existing = UnitAlias.objects.filter(region_id=unit.region_id, alias=alias).first()
    if existing is not None:
        return existing
    obj = UnitAlias.objects.create(region_id=unit.region_id, unit=unit, alias=alias)
    record(actor=by, verb="unit.alias_added", obj=unit, after={"alias": alias})
    return obj


@transaction.atomic
def ensure_leader(*, region: Region, name: str, by: Any) -> Person:
    """The district leader of that name (分管领导 named in a table), created on first mention."""
    require_office(by, region.pk)
    name = re.sub(r"\s+", "", name)
    person = Person.objects.filter(region=region, kind=Person.Kind.LEADER, unit=None, name=name).first()
    if person is None:
        person = Person.objects.create(region=region, kind=Person.Kind.LEADER, name=name)
        record(actor=by, verb="person.created", obj=person, after=_snapshot(person))
    return person


@transaction.atomic
def ensure_person(*, region: Region, unit: Unit | None, kind: str, name: str, user: Any, by: Any) -> Person:
    """The person behind a user account (a unit's liaison or leader); idempotent."""
    require_admin(by)
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(region=region, unit=unit, kind=kind, name=name, user=user)
        record(actor=by, verb="person.created", obj=person, after=_snapshot(person))
    return person


@transaction.atomic
def grant_role(
    *, user: Any, role: str, region: Region, by: Any, unit: Unit | None = None, person: Person | None = None
) -> Membership:
    """Give `user` a role in a region (supervisor, leader, observer) or a unit (liaison, unit leader).
    Recorded, with before and after, by orgs.account_audit as `by`'s change. Unit roles may be given by the
    region's office (its roster); region roles only by an administrator."""
    if role in (Role.LIAISON, Role.UNIT_LEADER):
        require_unit_roles(by, region.pk)
    else:
        require_admin(by)
    if role in (Role.LIAISON, Role.UNIT_LEADER) and unit is None:
        raise ValueError(f"role {role} needs a unit")
    with acting_as(by):
        membership, created = Membership.objects.get_or_create(
            user=user, role=role, region=region, unit=unit, defaults={"person": person}
        )
        if not created and person is not None and membership.person_id != person.pk:
            membership.person = person
            membership.save(update_fields=["person"])
    return membership


@transaction.atomic
def ensure_account(
    *, username: str, first_name: str, by: Any, password_hash: str | None = None, email: str = ""
) -> Any:
    """A login for a person (created once; the name kept up to date). password_hash: a make_password() value;
    email: set when the account has none yet (a person's own address is never overwritten).
    Recorded by orgs.account_audit as `by`'s change (the password only as "changed")."""
    from django.contrib.auth import get_user_model

    require_admin(by)
    User = get_user_model()
    with acting_as(by):
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "password": password_hash or "", "email": email},
        )
        changed = []
        if user.first_name != first_name:
            user.first_name = first_name
            changed.append("first_name")
        if password_hash and user.password != password_hash:
            user.password = password_hash
            changed.append("password")
        if email and not user.email:
            user.email = email
            changed.append("email")
        if changed:
            user.save(update_fields=changed)
    return user


@transaction.atomic
def make_superuser(*, user: Any, by: Any) -> Any:
    """Give an account the admin site and every permission (the command line's own admin account)."""
    if not is_command_line(by):
        raise PermissionDenied("only the command line creates superusers here; use the admin site")
    if not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        with acting_as(by):  # recorded by orgs.account_audit, before and after
            user.save(update_fields=["is_staff", "is_superuser"])
    return user


@transaction.atomic
def link_account(*, person: Person, user: Any, by: Any) -> Person:
    """The login a person uses (a leader named in a table gets an account); an existing link is kept."""
    require_admin(by)
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
        record(
            actor=by,
            verb="person.account_linked",
            obj=person,
            before={"user": None},
            after={"user": user.get_username()},
        )
    return person


@transaction.atomic
def set_region_parent(*, region: Region, parent: Region | None, by: Any) -> Region:
    """Put a district under a city (泉港区 under 泉州市): the city's supervisors and observers then read the
    district's plans and tasks (the city view). An administrator or the command line decides."""
    require_admin(by)
    if parent is not None and region.pk in (parent.pk, parent.parent_id):
        raise ValueError("a region cannot be its own parent or its parent's parent")
    before = region.parent.name if region.parent else None
    if region.parent_id != (parent.pk if parent else None):
        region.parent = parent
        region.save(update_fields=["parent"])
        after = parent.name if parent else None
        record(
            actor=by, verb="region.parent_set", obj=region, before={"parent": before}, after={"parent": after}
        )
    return region
