"""Onboarding a region's people from the roster (联络员回执): the template, a preview of who is new, who
changes and who leaves, and one atomic, audited apply. Nothing is written while any row is wrong; applying
the same roster twice changes nothing.

A person is known by their mobile number, which is also their username (readable, unique, what a liaison
remembers). A new account gets a random initial password that must be changed at first login; it is handed
out once (the credentials file or the 账号开通通知) and never shown again."""

from __future__ import annotations

import secrets
import string
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services import set_first_login_flag
from audit.services import record
from onboarding import roster
from onboarding.models import Contact
from orgs import services as orgs
from orgs.account_audit import acting_as
from orgs.models import Membership, Person, Region, Role, Unit
from orgs.roles import require_unit_roles
from targets.models import Assignment, Plan


def roster_units(region: Region) -> list[Unit]:
    """The units that answer for the region's plans, in table order; a group phrase gives its members."""
    ordered: dict[int, Unit] = {}
    assignments = sorted(
        Assignment.objects.filter(task__plan__region=region)
        .exclude(task__plan__status=Plan.Status.CLOSED)
        .select_related("unit", "task__plan")
        .prefetch_related("unit__members"),
        key=lambda a: (a.task.plan.year, a.task.seq, a.role != "lead", a.order),
    )
    for a in assignments:
        members = list(a.unit.members.all()) if a.unit.is_group else [a.unit]
        for unit in members:
            if unit.active and not unit.is_group:
                ordered.setdefault(unit.pk, unit)
    return list(ordered.values())


def _current(region: Region) -> dict[tuple[int, str], Membership]:
    """(unit id, role) → the membership that holds it today (the first, if a unit has several)."""
    out: dict[tuple[int, str], Membership] = {}
    for m in (
        Membership.objects.filter(
            region=region, role__in=[Role.LIAISON, Role.UNIT_LEADER], unit__isnull=False
        )
        .select_related("person__contact", "user")
        .order_by("pk")
    ):
        out.setdefault((m.unit_id or 0, m.role), m)
    return out


def template(region: Region) -> bytes:
    """The roster to send to the units, with the people the office already knows filled in."""
    current = _current(region)
    lines = []
    for unit in roster_units(region):
        leader = current.get((unit.pk, Role.UNIT_LEADER))
        liaison = current.get((unit.pk, Role.LIAISON))
        lp = leader.person if leader else None
        ip = liaison.person if liaison else None
        contact = getattr(ip, "contact", None) if ip else None
        lines.append(
            roster.UnitLine(
                unit_id=unit.pk,
                name=unit.name,
                leader=(lp.name, lp.title, lp.phone) if lp else ("", "", ""),
                liaison=(
                    ip.name,
                    ip.title,
                    ip.phone,
                    contact.office_phone if contact else "",
                    liaison.user.email if liaison else "",
                )
                if ip and liaison
                else ("", "", "", "", ""),
            )
        )
    return roster.build_template(region.name, lines)


@dataclass(frozen=True)
class Change:
    """One person's change for one unit and role: new, changed (same mobile), or replaced (handover)."""

    kind: str  # "new" | "changed" | "replaced"
    unit: Unit
    role: str
    sheet_row: int
    name: str
    title: str
    mobile: str
    office_phone: str = ""
    email: str = ""
    old: Membership | None = None
    fields: tuple[str, ...] = ()


@dataclass
class RosterPlan:
    region: Region
    problems: list[tuple[int, str]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unreturned: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def leaving(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "replaced"]

    def problem_lines(self) -> list[str]:
        return [
            (_("Row %(row)d: %(problem)s") % {"row": row, "problem": text}) if row else text
            for row, text in sorted(self.problems)
        ]


def _unit_names(region: Region, units: dict[int, Unit]) -> dict[str, Unit]:
    """Each unit by its name and by the other names the tables use for it (发改局 = 区发改局)."""
    by_name = {u.name: u for u in units.values()}
    for unit in Unit.objects.filter(pk__in=units).prefetch_related("aliases"):
        for alias in unit.aliases.all():
            by_name.setdefault(alias.alias, unit)
    return by_name


def plan(region: Region, source: str | IO[bytes]) -> RosterPlan:
    """Read a filled roster and compare it with who holds each role today. Writes nothing."""
    result = RosterPlan(region=region)
    read = roster.read(source)
    result.problems.extend(read.problems)
    units = {u.pk: u for u in roster_units(region)}
    by_name = _unit_names(region, units)
    current = _current(region)
    seen_units: dict[int, int] = {}
    for row in read.rows:
        problems = roster.check_row(row)
        unit = by_name.get(row.unit_name)
        if unit is None:
            problems.insert(
                0,
                _("the unit “%(unit)s” is not on %(region)s's list of units")
                % {"unit": row.unit_name, "region": region.name},
            )
        elif unit.pk in seen_units:
            problems.append(_("the unit is listed twice (also row %(row)d)") % {"row": seen_units[unit.pk]})
        else:
            seen_units[unit.pk] = row.sheet_row
        result.problems.extend((row.sheet_row, p) for p in problems)
        if unit is None or problems:
            continue
        if row.leader is None and row.liaison is None:
            result.unreturned.append(unit.name)
        else:
            result.changes.extend(_changes(row, unit, current))
    result.problems.extend(_same_person_twice(read.rows))
    if not read.rows and not read.problems:
        result.problems.append((0, _("The roster has no unit rows.")))
    return result


def _same_person_twice(rows: list[roster.RosterRow]) -> list[tuple[int, str]]:
    mobiles: Counter[str] = Counter(
        p.mobile for row in rows for p in (row.leader, row.liaison) if p is not None and p.mobile
    )
    return [
        (
            row.sheet_row,
            _("the same person (mobile %(mobile)s) appears more than once") % {"mobile": p.mobile},
        )
        for row in rows
        for p in (row.leader, row.liaison)
        if p is not None and p.mobile and mobiles[p.mobile] > 1
    ]


def _changes(row: roster.RosterRow, unit: Unit, current: dict[tuple[int, str], Membership]) -> list[Change]:
    out: list[Change] = []
    for role, person in ((Role.UNIT_LEADER, row.leader), (Role.LIAISON, row.liaison)):
        if person is None:
            continue
        email = row.email if role == Role.LIAISON else ""
        office = row.office_phone if role == Role.LIAISON else ""
        held = current.get((unit.pk, role))
        base = Change(
            kind="new",
            unit=unit,
            role=role,
            sheet_row=row.sheet_row,
            name=person.name,
            title=person.title,
            mobile=person.mobile,
            office_phone=office,
            email=email,
        )
        if held is None:
            out.append(base)
        elif _mobile_of(held) != person.mobile:
            out.append(replace(base, kind="replaced", old=held))
        elif held.person is None:
            out.append(base)  # the account is theirs; the person record is new
        else:
            fields = _differences(held, person, office, email)
            if fields:
                out.append(replace(base, kind="changed", old=held, fields=fields))
    return out


def _mobile_of(held: Membership) -> str:
    """Who holds the role, by mobile: their person's phone, else an account named by its mobile."""
    if held.person is not None and held.person.phone:
        return str(held.person.phone)
    return str(held.user.get_username())


def _differences(held: Membership, person: roster.PersonLine, office: str, email: str) -> tuple[str, ...]:
    p = held.person
    if p is None:
        return ()
    contact = getattr(p, "contact", None)
    diffs = []
    if p.name != person.name:
        diffs.append("name")
    if p.title != person.title:
        diffs.append("title")
    if held.role == Role.LIAISON and (contact.office_phone if contact else "") != office:
        diffs.append("office_phone")
    if held.role == Role.LIAISON and email and held.user.email != email:
        diffs.append("email")
    return tuple(diffs)


@dataclass(frozen=True)
class Credential:
    username: str
    name: str
    unit: str
    role: str
    password: str


def initial_password() -> str:
    """12 characters from three classes (the password policy), random; shown once."""
    alphabet = string.ascii_letters + string.digits
    while True:
        word = (
            "".join(secrets.choice(alphabet) for _ in range(10))
            + secrets.choice("!@#%+=")
            + secrets.choice(string.digits)
        )
        if any(c.islower() for c in word) and any(c.isupper() for c in word):
            return word


@transaction.atomic
def apply(plan_: RosterPlan, *, by: Any) -> list[Credential]:
    """Carry out a clean roster plan; returns the initial passwords of the accounts it created."""
    if not plan_.ok:
        raise ValueError("a roster with problems is never applied")
    require_unit_roles(by, plan_.region.pk)
    with acting_as(by):
        return _apply(plan_, by=by)


def _apply(plan_: RosterPlan, *, by: Any) -> list[Credential]:
    credentials: list[Credential] = []
    for change in plan_.changes:
        if change.kind == "changed" and change.old is not None:
            _update_person(change, by=by)
            continue
        credential = _join(change, region=plan_.region, by=by)
        if credential is not None:
            credentials.append(credential)
        if change.kind == "replaced" and change.old is not None:
            _leave(change.old, successor=change, by=by)
    return credentials


def _update_person(change: Change, *, by: Any) -> None:
    held = change.old
    if held is None or held.person is None:
        return
    person = held.person
    before = {"name": person.name, "title": person.title}
    person.name, person.title = change.name, change.title
    person.save(update_fields=["name", "title"])
    if change.role == Role.LIAISON:
        _contact(person, change.office_phone)
        if change.email and held.user.email != change.email:
            held.user.email = change.email
            held.user.save(update_fields=["email"])
    record(
        actor=by,
        verb="roster.person_changed",
        obj=person,
        before=before,
        after={"name": person.name, "title": person.title, "fields": list(change.fields)},
    )


def _contact(person: Person, office_phone: str) -> None:
    contact = Contact.objects.filter(person=person).first()
    if contact is None and office_phone:
        Contact.objects.create(person=person, office_phone=office_phone)
    elif contact is not None and contact.office_phone != office_phone:
        contact.office_phone = office_phone
        contact.save(update_fields=["office_phone"])


def _join(change: Change, *, region: Region, by: Any) -> Credential | None:
    """The person of a new or replacing line gets (or keeps) an account and the unit's role."""
    User = get_user_model()
    kind = Person.Kind.LIAISON if change.role == Role.LIAISON else Person.Kind.LEADER
    user = User.objects.filter(username=change.mobile).first()
    password = None
    if user is None:
        password = initial_password()
        user = User.objects.create_user(
            username=change.mobile, password=password, first_name=change.name, email=change.email
        )
        record(
            actor=by,
            verb="user.created",
            obj=user,
            after={"username": user.username, "first_name": change.name, "via": "roster"},
        )
        set_first_login_flag(user=user, must_change=True, by=by)
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(
            actor=by,
            verb="user.reactivated",
            obj=user,
            before={"is_active": False},
            after={"is_active": True},
        )
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            region=region,
            unit=change.unit,
            kind=kind,
            name=change.name,
            title=change.title,
            phone=change.mobile,
            user=user,
        )
        record(
            actor=by,
            verb="person.created",
            obj=person,
            after={"name": person.name, "unit": change.unit.name, "kind": kind},
        )
    else:
        person.unit, person.kind, person.name, person.title, person.phone = (
            change.unit,
            kind,
            change.name,
            change.title,
            change.mobile,
        )
        person.save(update_fields=["unit", "kind", "name", "title", "phone"])
    if change.role == Role.LIAISON:
        _contact(person, change.office_phone)
    orgs.grant_role(user=user, role=change.role, region=region, unit=change.unit, person=person, by=by)
    if password is None:
        return None
    return Credential(
        username=user.username,
        name=change.name,
        unit=change.unit.name,
        role=str(Role(change.role).label),
        password=password,
    )


def _leave(old: Membership, *, successor: Change, by: Any) -> None:
    """Handover: the old holder loses the unit's role; the account is switched off when it holds no other."""
    user = old.user
    before = {"user": user.username, "role": old.role, "unit": successor.unit.name}
    old_pk = old.pk
    old.delete()
    record(
        actor=by,
        verb="roster.handover",
        object_type="orgs.membership",
        object_id=str(old_pk),
        object_repr=f"{successor.unit.name} {Role(successor.role).label}",
        before=before,
        after={"user": successor.mobile, "role": successor.role, "unit": successor.unit.name},
    )
    if not Membership.objects.filter(user=user).exists() and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(
            actor=by,
            verb="user.deactivated",
            obj=user,
            before={"is_active": True},
            after={"is_active": False, "reason": "handover"},
        )


@dataclass(frozen=True)
class UnitPeople:
    unit: Unit
    leader: Membership | None
    liaison: Membership | None
    office_phone: str


def people_of(region: Region) -> list[UnitPeople]:
    """The region's units with their leader and liaison today (a constant number of queries)."""
    current = _current(region)
    rows = []
    for unit in roster_units(region):
        liaison = current.get((unit.pk, Role.LIAISON))
        contact = getattr(liaison.person, "contact", None) if liaison and liaison.person else None
        rows.append(
            UnitPeople(
                unit=unit,
                leader=current.get((unit.pk, Role.UNIT_LEADER)),
                liaison=liaison,
                office_phone=contact.office_phone if contact else "",
            )
        )
    return rows


@transaction.atomic
def set_account_active(*, person: Person, active: bool, by: Any) -> None:
    """The office switches a person's account off (they left) or on again; audited."""
    user = person.user
    if user is None or user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor=by,
        verb="user.activated" if active else "user.deactivated",
        obj=user,
        before={"is_active": not active},
        after={"is_active": active, "person": person.name},
    )


@transaction.atomic
def create_region(
    *, name: str, parent: Region | None, number_prefix: str, office_username: str, by: Any
) -> tuple[Region, Credential]:
    """A new region with its supervision office account (initial password shown once, changed at first login)."""
    region = Region.objects.create(
        name=name, parent=parent, settings={"number_prefix": number_prefix} if number_prefix else {}
    )
    record(
        actor=by,
        verb="region.created",
        obj=region,
        after={"name": name, "parent": parent.name if parent else None, "number_prefix": number_prefix},
    )
    password = initial_password()
    User = get_user_model()
    user = User.objects.create_user(username=office_username, password=password, first_name=f"{name}督查室")
    record(actor=by, verb="user.created", obj=user, after={"username": office_username, "via": "new region"})
    set_first_login_flag(user=user, must_change=True, by=by)
    orgs.grant_role(user=user, role=Role.SUPERVISOR, region=region, by=by)
    return region, Credential(
        username=office_username,
        name=user.first_name,
        unit="",
        role=str(Role.SUPERVISOR.label),
        password=password,
    )
