"""The three administrators of 等保 三级: 孙 (system) manages accounts, 钱 (security) manages roles,
赵 (audit) only reads and verifies the trail; none does another's job or erases their own traces."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from accounts.groups import ensure_admin_groups
from accounts.services import AUDIT_ADMINS, SECURITY_ADMINS, SYSTEM_ADMINS
from audit.models import AuditEvent
from audit.services import record
from tests.factories import PASSWORD, RegionFactory, UserFactory, member

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admins():
    from django.apps import apps

    ensure_admin_groups(app_config=[c for c in apps.get_app_configs() if c.models_module][-1])
    people = {}
    for username, group in (("sun", SYSTEM_ADMINS), ("qian", SECURITY_ADMINS), ("zhao", AUDIT_ADMINS)):
        user = UserFactory(username=username, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        people[username] = user
    people["liming"] = UserFactory(username="liming")
    return people


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _user_form(client: Client, target, **changes):
    data = {
        "username": target.username,
        "first_name": target.first_name,
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "08:00:00",
        **changes,
    }
    return client.post(f"/admin/auth/user/{target.pk}/change/", data)


def test_the_system_admin_edits_an_account_but_not_its_roles(admins):
    sun, liming = admins["sun"], admins["liming"]
    security = Group.objects.get(name=SECURITY_ADMINS)
    response = _user_form(_client(sun), liming, first_name="李明", groups=[security.pk], is_superuser="on")
    assert response.status_code == 302
    liming.refresh_from_db()
    assert liming.first_name == "李明"
    assert not liming.groups.exists()
    assert not liming.is_superuser
    assert _client(sun).get("/admin/orgs/membership/").status_code == 403
    assert _client(sun).get("/admin/audit/auditevent/").status_code == 403


def test_the_security_admin_grants_roles_but_not_to_herself_and_edits_no_account(admins):
    qian, liming = admins["qian"], admins["liming"]
    audit_group = Group.objects.get(name=AUDIT_ADMINS)
    _user_form(_client(qian), liming, first_name="改名", groups=[audit_group.pk], is_superuser="on")
    liming.refresh_from_db()
    assert list(liming.groups.values_list("name", flat=True)) == [AUDIT_ADMINS]
    assert liming.first_name != "改名"
    assert not liming.is_superuser
    _user_form(_client(qian), qian, groups=[audit_group.pk, Group.objects.get(name=SYSTEM_ADMINS).pk])
    assert list(qian.groups.values_list("name", flat=True)) == [SECURITY_ADMINS]
    assert _client(qian).get("/admin/orgs/membership/").status_code == 200
    assert _client(qian).get("/admin/auth/user/add/").status_code == 403
    assert _client(qian).get("/admin/audit/auditevent/").status_code == 403


def test_the_audit_admin_only_reads_and_verifies(admins):
    zhao = _client(admins["zhao"])
    record(actor="王芳", verb="region.create", object_type="orgs.region", object_repr="泉港区")
    assert zhao.get("/admin/audit/auditevent/").status_code == 200
    check = zhao.get("/account/audit/")
    assert check.status_code == 200
    assert "审计链完整" in check.content.decode()
    assert zhao.get(f"/admin/auth/user/{admins['liming'].pk}/change/").status_code == 403
    assert zhao.get("/admin/orgs/membership/").status_code == 403
    event = AuditEvent.objects.order_by("pk").first()
    assert event is not None
    assert zhao.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_nobody_else_verifies_the_trail_from_the_web(admins):
    assert _client(admins["sun"]).get("/account/audit/").status_code == 403
    assert _client(admins["liming"]).get("/account/audit/").status_code == 403


def test_no_administrator_deletes_an_account_or_an_audit_event(admins):
    for name in ("sun", "qian", "zhao"):
        client = _client(admins[name])
        assert (
            client.post(f"/admin/auth/user/{admins['liming'].pk}/delete/", {"post": "yes"}).status_code == 403
        )
    assert User.objects.filter(pk=admins["liming"].pk).exists()


def test_an_admin_change_lands_in_the_audit_chain(admins):
    _user_form(_client(admins["sun"]), admins["liming"], first_name="李明")
    event = AuditEvent.objects.get(verb="admin.change")
    assert event.actor == admins["sun"]
    assert event.object_repr == "liming"


def test_the_supervisor_is_no_administrator():
    wang = member("wangfang", "supervisor", region=RegionFactory(name="泉港区"))
    client = Client()
    client.post("/login/", {"username": "wangfang", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302
    assert not wang.is_staff
