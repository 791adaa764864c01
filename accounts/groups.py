"""The three administrator groups and their permissions, kept in step after every migrate."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from accounts.services import AUDIT_ADMINS, SECURITY_ADMINS, SYSTEM_ADMINS
from orgs.account_audit import unrecorded

PERMISSIONS: dict[str, list[str]] = {
    SYSTEM_ADMINS: [
        "auth.add_user", "auth.change_user", "auth.view_user",
        "orgs.add_region", "orgs.change_region", "orgs.view_region",
        "orgs.add_unit", "orgs.change_unit", "orgs.view_unit",
        "orgs.add_unitalias", "orgs.change_unitalias", "orgs.delete_unitalias", "orgs.view_unitalias",
        "orgs.add_person", "orgs.change_person", "orgs.view_person",
        "accounts.view_accountprofile", "accounts.change_accountprofile",
    ],
    SECURITY_ADMINS: [
        "auth.view_user", "auth.change_user", "auth.view_group", "auth.change_group",
        "orgs.add_membership", "orgs.change_membership", "orgs.delete_membership", "orgs.view_membership",
        "axes.view_accessattempt", "axes.delete_accessattempt",
        "otp_totp.view_totpdevice", "otp_totp.delete_totpdevice",
        "accounts.view_apitoken", "accounts.change_apitoken",
    ],
    AUDIT_ADMINS: [
        "audit.view_auditevent",
        "axes.view_accesslog", "axes.view_accessattempt", "axes.view_accessfailurelog",
    ],
}  # fmt: skip


def ensure_admin_groups(**kwargs: Any) -> None:
    """Create the three groups and set exactly their permissions (idempotent; run after migrate).

    post_migrate is sent once per app; the permissions of every app exist only after the last one.
    """
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if kwargs.get("app_config") is not with_models[-1]:
        return
    with unrecorded():
        _set_groups()


def _set_groups() -> None:
    for name, codes in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted: list[Permission] = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
