"""The admin site split between the three administrators (等保 三级: system, security, audit).

system-admins   accounts and the organisation's data (users' names and passwords, regions, units, people)
security-admins roles and policies (groups, memberships, lockouts, second factors, API tokens)
audit-admins    read the audit trail and verify it
Nobody but a superuser grants superuser status, nobody edits their own groups, nobody deletes audit events.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import AccountProfile, ApiToken
from accounts.services import SECURITY_ADMINS, SYSTEM_ADMINS, admin_kinds

User = get_user_model()
ROLE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")
ACCOUNT_FIELDS = ("username", "password", "first_name", "last_name", "email", "is_active", "last_login", "date_joined")


class SeparatedUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """The system administrator edits accounts but not their roles; the security administrator the reverse."""

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        user = request.user
        if user.is_superuser:
            return ()
        kinds = admin_kinds(user)
        readonly: set[str] = set()
        if SECURITY_ADMINS not in kinds or (obj is not None and obj.pk == user.pk):
            readonly.update(ROLE_FIELDS)  # roles are the security administrator's, never one's own
        else:
            readonly.update(("is_superuser",))
        if SYSTEM_ADMINS not in kinds:
            readonly.update(ACCOUNT_FIELDS)
        return tuple(sorted(readonly))

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        # Accounts are deactivated, not deleted: their audit events keep pointing at them.
        return bool(request.user.is_superuser)


admin.site.unregister(User)
admin.site.register(User, SeparatedUserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "prefix", "created_at", "expires_at", "revoked_at", "revoked_reason"]
    readonly_fields = ["user", "key_hash", "prefix", "created_at", "expires_at", "revoked_at", "revoked_reason"]
    search_fields = ["user__username", "prefix"]

    def has_add_permission(self, request: Any) -> bool:
        return False


@admin.register(AccountProfile)
class AccountProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "must_change_password", "password_changed_at"]
    readonly_fields = ["user", "password_changed_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False
