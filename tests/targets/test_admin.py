"""The administrator works in the Django admin, in Chinese; every change there is audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from audit.services import verify
from orgs.models import Unit
from tests.factories import AssignmentFactory, RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.invalid", "duban-admin-pw-1")
    client.force_login(admin)
    return client


def test_the_admin_speaks_chinese(admin_client):
    a = AssignmentFactory(task__plan__region=RegionFactory(name="泉港区"))
    page = admin_client.get("/admin/").content.decode()
    assert "督办系统管理" in page
    for label in ("地区", "单位", "人员", "角色授权", "分解表", "任务", "指标", "关键节点", "导入批次"):
        assert label in page, label
    for url in (
        "/admin/orgs/unit/",
        f"/admin/orgs/unit/{a.unit.pk}/change/",
        "/admin/targets/task/",
        f"/admin/targets/task/{a.task.pk}/change/",
        "/admin/targets/plan/",
        "/admin/ingest/importbatch/",
        "/admin/targets/indicator/",
        "/admin/orgs/membership/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert "牵头单位" in admin_client.get(f"/admin/targets/task/{a.task.pk}/change/").content.decode()


def test_an_admin_change_is_audited_with_before_and_after(admin_client):
    unit = UnitFactory(region=RegionFactory(name="泉港区"), name="发改局")
    response = admin_client.post(
        f"/admin/orgs/unit/{unit.pk}/change/",
        {
            "region": unit.region_id,
            "name": "发改局",
            "short_name": "发改",
            "kind": "department",
            "active": "on",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-alias": "区发改局",
            "aliases-0-region": unit.region_id,
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="unit.changed_in_admin")
    assert event.actor_name == "admin"
    assert event.before["short_name"] == ""
    assert event.after["short_name"] == "发改"
    assert Unit.objects.get(pk=unit.pk).aliases.get().alias == "区发改局"
    admin_client.post(f"/admin/orgs/unit/{unit.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(verb="unit.deleted_in_admin").exists()
    assert verify() == []


def test_plans_and_tasks_are_read_only_in_the_admin(admin_client):
    """Every change to a plan goes through targets.services; the admin only shows them."""
    a = AssignmentFactory(task__plan__region=RegionFactory(name="泉港区"), task__text="原任务")
    task = a.task
    assert admin_client.get(f"/admin/targets/task/{task.pk}/change/").status_code == 200
    assert admin_client.get("/admin/targets/task/add/").status_code == 403
    response = admin_client.post(
        f"/admin/targets/task/{task.pk}/change/",
        {
            "plan": task.plan_id,
            "seq": task.seq,
            "text": "改过的任务",
            "due_date": "2026-12-31",
            "status": "active",
        },
    )
    assert response.status_code == 403
    assert admin_client.post(f"/admin/targets/task/{task.pk}/delete/", {"post": "yes"}).status_code == 403
    task.refresh_from_db()
    assert task.text == "原任务"
    assert not AuditEvent.objects.filter(object_type="targets.task").exists()
