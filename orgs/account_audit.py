"""Who may do what: every change to an account, its groups and permissions, and to a membership is audited.

Accounts are changed in many places we do not write: the admin's user and password pages, `createsuperuser`,
`changepassword`, a shell. So these changes are recorded by model signals (post_save / m2m_changed /
post_delete on auth.User, auth.Group and orgs.Membership), the one exception to "nothing hides in signals"
(docs/decisions/0010-admin.md). The actor is the signed-in user of the request (AuditActorMiddleware), the
command named by `acting_as(...)`, or "system" otherwise. A password is never recorded, only that it
changed. Queryset `.update()` bypasses signals: no code of ours updates these tables that way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

from audit.services import record
from orgs.models import Membership

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")
SYSTEM = "system (no signed-in user)"

_actor: ContextVar[Any] = ContextVar("duban_audit_actor", default=None)


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Changes made inside are recorded as `actor`'s (a user, or a string naming a command)."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


_quiet: ContextVar[bool] = ContextVar("duban_audit_quiet", default=False)


@contextmanager
def unrecorded() -> Iterator[None]:
    """Changes made by the deployment's own code (the administrator groups defined in accounts/groups.py,
    set after each migrate) are not a person's change: they are versioned in the code, not in the trail."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def current_actor() -> Any:
    actor = _actor.get()
    if callable(actor):
        actor = actor()
    if actor is None or (hasattr(actor, "is_authenticated") and not actor.is_authenticated):
        return SYSTEM
    return actor


class AuditActorMiddleware:
    """Account changes made during a request are the signed-in user's (resolved only if one happens)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(lambda: getattr(request, "user", None)):
            return self.get_response(request)


def _user_state(values: dict[str, Any]) -> dict[str, Any]:
    return {f: values[f] for f in USER_FIELDS}


def _remember_user(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk:
        instance._audit_before = (
            sender.objects.filter(pk=instance.pk).values(*USER_FIELDS, "password").first()
        )


def _user_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: rows restored as they were, not changed by anyone
        return
    after = {f: getattr(instance, f) for f in USER_FIELDS}
    actor = current_actor()
    if created:
        record(actor=actor, verb="user.created", obj=instance, after=after)
        return
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if before is None:
        return
    if _user_state(before) != after:
        changed = [f for f in USER_FIELDS if before[f] != after[f]]
        record(
            actor=actor,
            verb="user.changed",
            obj=instance,
            before={f: before[f] for f in changed},
            after={f: after[f] for f in changed},
        )
    if before["password"] != instance.password:
        record(actor=actor, verb="user.password_changed", obj=instance, after={"password": "changed"})


def _names(queryset: Any, field: str) -> list[str]:
    return sorted(str(v) for v in queryset.values_list(field, flat=True))


def _m2m_listener(verb: str, accessor: str, field: str) -> Callable[..., None]:
    def listener(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
        if _quiet.get():
            return
        if reverse:
            return  # group.user_set.add(user): recorded below as the users' own change
        if action.startswith("pre_"):
            instance._audit_m2m_before = _names(getattr(instance, accessor).all(), field)
        elif action.startswith("post_"):
            before = getattr(instance, "_audit_m2m_before", [])
            after = _names(getattr(instance, accessor).all(), field)
            if before != after:
                record(actor=current_actor(), verb=verb, obj=instance, before=before, after=after)

    return listener


def _reverse_groups(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    """Users added to or removed from a group from the group's side."""
    if not reverse or action not in ("post_add", "post_remove") or not pk_set:
        return
    for user in get_user_model().objects.filter(pk__in=pk_set):
        record(
            actor=current_actor(),
            verb="user.groups_changed",
            obj=user,
            before=None,
            after={"added" if action == "post_add" else "removed": instance.name},
        )


def _membership_state(m: Membership) -> dict[str, Any]:
    return {
        "user": m.user.get_username(),
        "role": m.role,
        "region": m.region.name,
        "unit": m.unit.name if m.unit_id and m.unit else None,
        "person": m.person_id,
    }


def _remember_membership(sender: Any, instance: Membership, **kwargs: Any) -> None:
    old = Membership.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = _membership_state(old) if old is not None else None  # type: ignore[attr-defined]


def _membership_saved(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", None)
    after = _membership_state(instance)
    if created or before != after:
        verb = "membership.granted" if created else "membership.changed"
        record(actor=current_actor(), verb=verb, obj=instance, before=before, after=after)


def _membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    record(actor=current_actor(), verb="membership.revoked", obj=instance, before=_membership_state(instance))


def connect() -> None:
    User = get_user_model()
    pre_save.connect(_remember_user, sender=User, dispatch_uid="audit-user-pre")
    post_save.connect(_user_saved, sender=User, dispatch_uid="audit-user-post")
    m2m_changed.connect(
        _m2m_listener("user.groups_changed", "groups", "name"),
        sender=User.groups.through,
        dispatch_uid="audit-user-groups",
        weak=False,
    )
    m2m_changed.connect(_reverse_groups, sender=User.groups.through, dispatch_uid="audit-group-users")
    m2m_changed.connect(
        _m2m_listener("user.permissions_changed", "user_permissions", "codename"),
        sender=User.user_permissions.through,
        dispatch_uid="audit-user-perms",
        weak=False,
    )
    m2m_changed.connect(
        _m2m_listener("group.permissions_changed", "permissions", "codename"),
        sender=Group.permissions.through,
        dispatch_uid="audit-group-perms",
        weak=False,
    )
    post_save.connect(_group_saved, sender=Group, dispatch_uid="audit-group-post")
    pre_save.connect(_remember_membership, sender=Membership, dispatch_uid="audit-membership-pre")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="audit-membership-post")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="audit-membership-delete")


def _group_saved(sender: Any, instance: Group, created: bool, **kwargs: Any) -> None:
    if created and not _quiet.get():
        record(actor=current_actor(), verb="group.created", obj=instance, after={"name": instance.name})
