"""Account security actions: password change, first-login flag, second factor, the three administrators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
