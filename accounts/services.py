"""Account security actions: password change, first-login flag, second factor, the three administrators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import record
from accounts import tokens
from accounts.models import AccountProfile
from orgs.roles import roles_of

# The three separated administrators of 等保 三级 (group names are stable identifiers).
SYSTEM_ADMINS = "system-admins"
SECURITY_ADMINS = "security-admins"
AUDIT_ADMINS = "audit-admins"
ADMIN_GROUPS = {
    SYSTEM_ADMINS: _("System administrator"),
    SECURITY_ADMINS: _("Security administrator"),
    AUDIT_ADMINS: _("Audit administrator"),
}


def admin_kinds(user: Any) -> set[str]:
    """Which of the three administrator groups the user is in (cached on the user for the request)."""
    cached = getattr(user, "_duban_admin_kinds", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ADMIN_GROUPS).values_list("name", flat=True)) if user.pk else set()
        user._duban_admin_kinds = cached
    return cached  # type: ignore[no-any-return]


def needs_second_factor(user: Any) -> bool:
    """Supervisors and administrators need a TOTP second factor when REQUIRE_2FA is on."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_staff or admin_kinds(user) or roles_of(user).supervised_regions)


def must_change_password(user: Any) -> bool:
    return AccountProfile.objects.filter(user=user, must_change_password=True).exists()


@transaction.atomic
def set_first_login_flag(*, user: Any, must_change: bool, by: Any) -> None:
    profile, _created = AccountProfile.objects.get_or_create(user=user)
    if profile.must_change_password != must_change:
        before = {"must_change_password": profile.must_change_password}
        profile.must_change_password = must_change
        profile.save(update_fields=["must_change_password"])
        record(
            actor=by, verb="account.first_login_flag", obj=user, before=before, after={"must_change_password": must_change}
        )


@transaction.atomic
def change_password(*, user: Any, new_password: str, by: Any) -> None:
    """Set a new password (already validated by the form), clear the first-login flag, revoke every token."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    profile, _created = AccountProfile.objects.get_or_create(user=user)
    profile.must_change_password = False
    profile.password_changed_at = timezone.now()
    profile.save(update_fields=["must_change_password", "password_changed_at"])
    revoked = tokens.revoke_all(user, reason="password change")
    record(actor=by, verb="account.password_change", obj=user, after={"tokens_revoked": revoked})


@transaction.atomic
def set_first_login_for(*, usernames: list[str], must_change: bool, by: Any) -> int:
    """Set the first-login flag on many accounts at once (the demo: a known password, or one to replace)."""
    users = get_user_model().objects.filter(username__in=usernames)
    for user in users.exclude(account_profile__isnull=False):
        AccountProfile.objects.create(user=user, must_change_password=must_change)
    changed = AccountProfile.objects.filter(user__in=users).exclude(must_change_password=must_change)
    count = changed.update(must_change_password=must_change)
    if count:
        record(
            actor=by,
            verb="account.first_login_flag",
            object_type="auth.user",
            object_repr=f"{count} accounts",
            after={"must_change_password": must_change, "accounts": count},
        )
    return count


def ensure_separated_admins(*, password_hash: str, by: Any, ensure_account: Any) -> list[str]:
    """The demo's three administrators (sysadmin, secadmin, auditadmin), each in their own group."""
    from accounts.groups import PERMISSIONS  # noqa: PLC0415  (groups imports this module)

    names = {SYSTEM_ADMINS: ("sysadmin", "系统管理员"), SECURITY_ADMINS: ("secadmin", "安全管理员"),
             AUDIT_ADMINS: ("auditadmin", "审计管理员")}  # fmt: skip
    made = []
    for group_name in PERMISSIONS:
        username, title = names[group_name]
        user = ensure_account(username=username, first_name=title, by=by, password_hash=password_hash)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        group, _created = Group.objects.get_or_create(name=group_name)
        user.groups.add(group)
        made.append(username)
    return made
