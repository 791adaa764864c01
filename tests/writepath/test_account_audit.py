"""Who may do what is audited wherever it changes: the admin's user pages, the services, a shell."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from audit.models import AuditEvent
from audit.services import verify
from orgs import services as orgs
from orgs.account_audit import acting_as
from orgs.models import Membership, Role
from tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def admin_user() -> Any:
    return User.objects.create_superuser("admin", "admin@example.invalid", "Admin-pass-2026")


@pytest.fixture
def liming() -> Any:
    return User.objects.create_user("liming", password="Old-pass-2026x", first_name="李明")


def _events(verb: str, user: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb, object_type="auth.user", object_id=str(user.pk)))


def test_the_admin_changes_li_mings_password_and_the_trail_says_so_without_the_hash(
    client: Client, admin_user: Any, liming: Any
) -> None:
    client.force_login(admin_user)
    response = client.post(
        f"/admin/auth/user/{liming.pk}/password/",
        {"usable_password": "true", "password1": "Changed-pass-2026x", "password2": "Changed-pass-2026x"},
    )
    assert response.status_code == 302
    liming.refresh_from_db()
    assert liming.check_password("Changed-pass-2026x")
    [event] = _events("user.password_changed", liming)
    assert event.actor_name == "admin"
    assert event.after == {"password": "changed"}
    everything = str(list(AuditEvent.objects.values_list("before", "after")))
    assert liming.password not in everything
    assert "pbkdf2" not in everything
    assert "md5$" not in everything
    assert verify() == []


def test_the_admin_makes_li_ming_staff_and_superuser_with_before_and_after(
    client: Client, admin_user: Any, liming: Any
) -> None:
    client.force_login(admin_user)
    form = {
        "username": "liming",
        "first_name": "李明",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-01-05",
        "initial-date_joined_1": "09:00:00",
    }
    response = client.post(f"/admin/auth/user/{liming.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    [event] = _events("user.changed", liming)
    assert event.actor_name == "admin"
    assert event.before["is_superuser"] is False
    assert event.after["is_superuser"] is True
    assert event.before["is_staff"] is False
    assert event.after["is_staff"] is True


def test_groups_and_permissions_changed_in_a_shell_are_audited(liming: Any) -> None:
    office = Group.objects.create(name="督查室")
    liming.groups.add(office)
    [event] = _events("user.groups_changed", liming)
    assert event.before == []
    assert event.after == ["督查室"]
    assert event.actor_name.startswith("system")
    perm = Permission.objects.get(codename="view_plan")
    with acting_as("manage.py shell"):
        liming.user_permissions.add(perm)
        liming.is_active = False
        liming.save()
    [perms] = _events("user.permissions_changed", liming)
    assert perms.after == ["view_plan"]
    assert perms.actor_name == "manage.py shell"
    [deactivated] = _events("user.changed", liming)
    assert deactivated.before == {"is_active": True}
    assert deactivated.after == {"is_active": False}
    assert verify() == []


def test_a_role_granted_changed_and_revoked_is_audited_with_before_and_after(liming: Any) -> None:
    quangang: Any = RegionFactory(name="泉港区")
    fagai: Any = UnitFactory(region=quangang, name="区发改局")
    gongxin: Any = UnitFactory(region=quangang, name="区工信局")
    membership = orgs.grant_role(
        user=liming, role=Role.LIAISON, region=quangang, unit=fagai, by="manage.py demo"
    )
    granted = AuditEvent.objects.get(verb="membership.granted")
    assert granted.actor_name == "manage.py demo"
    assert granted.after["unit"] == "区发改局"
    membership.unit = gongxin
    membership.save()
    changed = AuditEvent.objects.get(verb="membership.changed")
    assert changed.before["unit"] == "区发改局"
    assert changed.after["unit"] == "区工信局"
    Membership.objects.get(pk=membership.pk).delete()
    revoked = AuditEvent.objects.get(verb="membership.revoked")
    assert revoked.before["role"] == Role.LIAISON
    assert verify() == []


def test_a_role_granted_in_the_admin_is_recorded_once_as_the_admins(
    client: Client, admin_user: Any, liming: Any
) -> None:
    quangang: Any = RegionFactory(name="泉港区")
    client.force_login(admin_user)
    response = client.post(
        "/admin/orgs/membership/add/", {"user": liming.pk, "role": Role.SUPERVISOR, "region": quangang.pk}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    [event] = AuditEvent.objects.filter(object_type="orgs.membership")
    assert event.verb == "membership.granted"
    assert event.actor_name == "admin"
    assert event.after["role"] == Role.SUPERVISOR
