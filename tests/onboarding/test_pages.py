"""王芳 runs 泉港区's people page: downloads the roster, uploads it filled, sees the preview and confirms; the
initial passwords are shown once. 陈静 (鲤城区) and 李明 (a liaison) cannot open it. The administrator opens a
new region with its office account."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import must_change_password
from audit.models import AuditEvent
from orgs.models import Membership, Region, Role
from tests.onboarding.test_roster import GOOD, fill, person
from tests.progress.factories import World, build_world

User = get_user_model()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def upload(client: Any, region_id: int, data: bytes) -> Any:
    f = SimpleUploadedFile("回执表.xlsx", data, content_type=XLSX)
    return client.post(f"/onboarding/regions/{region_id}/roster/", {"file": f})


def test_the_office_imports_the_roster_from_its_pages(world, client):
    region = world.plan.region
    client.force_login(world.wangfang)
    page = client.get(f"/onboarding/regions/{region.pk}/people/")
    assert page.status_code == 200
    assert "区发改局" in page.content.decode()
    template = client.get(f"/onboarding/regions/{region.pk}/roster.xlsx")
    assert template["Content-Type"] == XLSX
    preview = upload(client, region.pk, fill(template.content, GOOD).getvalue())
    text = preview.content.decode()
    assert "交接" in text
    assert "林小红" in text
    assert not User.objects.filter(username="13800000001").exists()  # nothing saved by the preview
    done = client.post(
        f"/onboarding/regions/{region.pk}/roster/confirm/", {"token": preview.context["token"]}
    )
    shown = done.content.decode()
    assert "13800000001" in shown
    newcomer = User.objects.get(username="13800000001")
    assert must_change_password(newcomer)
    again = client.get(f"/onboarding/regions/{region.pk}/people/").content.decode()
    assert "林小红" in again
    for credential in done.context["credentials"]:
        assert credential.password not in again


def test_a_roster_with_bad_rows_is_shown_with_its_rows_and_saves_nothing(world, client):
    region = world.plan.region
    client.force_login(world.wangfang)
    template = client.get(f"/onboarding/regions/{region.pk}/roster.xlsx").content
    bad = {**GOOD, "区工信局": person("黄海", "13900000002", "郑丽", "12345")}
    events = AuditEvent.objects.count()
    preview = upload(client, region.pk, fill(template, bad).getvalue())
    text = preview.content.decode()
    assert "第4行" in text
    assert "12345" in text
    assert "确认保存" not in text
    assert AuditEvent.objects.count() == events


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(world, client):
    client.force_login(world.wangfang)
    f = SimpleUploadedFile("roster.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(f"/onboarding/regions/{world.plan.region_id}/roster/", {"file": f})
    assert response.status_code == 400
    assert ".xlsx" in response.content.decode()


def test_another_office_and_a_liaison_cannot_open_the_people_page(world, client):
    region = world.plan.region
    for user in (world.chenjing, world.liming):
        client.force_login(user)
        assert client.get(f"/onboarding/regions/{region.pk}/people/").status_code == 404
        assert client.get(f"/onboarding/regions/{region.pk}/roster.xlsx").status_code == 404
        assert upload(client, region.pk, b"x").status_code == 404


def test_the_office_switches_an_account_off_and_on(world, client):
    region = world.plan.region
    client.force_login(world.wangfang)
    template = client.get(f"/onboarding/regions/{region.pk}/roster.xlsx").content
    token = upload(client, region.pk, fill(template, GOOD).getvalue()).context["token"]
    client.post(f"/onboarding/regions/{region.pk}/roster/confirm/", {"token": token})
    liaison = Membership.objects.get(unit=world.fagai, role=Role.LIAISON)
    assert liaison.person is not None
    client.post(f"/onboarding/people/{liaison.person.pk}/active/", {"active": "0"})
    liaison.user.refresh_from_db()
    assert not liaison.user.is_active
    client.post(f"/onboarding/people/{liaison.person.pk}/active/", {"active": "1"})
    liaison.user.refresh_from_db()
    assert liaison.user.is_active
    assert AuditEvent.objects.filter(verb="user.deactivated", object_id=str(liaison.user.pk)).exists()


def test_reading_the_people_pages_writes_nothing(world, client):
    client.force_login(world.wangfang)
    events = AuditEvent.objects.count()
    client.get(f"/onboarding/regions/{world.plan.region_id}/people/")
    client.get(f"/onboarding/regions/{world.plan.region_id}/people/?missing=liaison")
    client.get(f"/onboarding/regions/{world.plan.region_id}/roster.xlsx")
    assert AuditEvent.objects.count() == events


def test_the_administrator_opens_a_new_region_with_its_office(world, client):
    admin = User.objects.create_superuser("root", "root@duban.example", "Root-pass-2026x")
    client.force_login(admin)
    response = client.post(
        "/onboarding/regions/new/",
        {"name": "丰泽区", "parent": "", "number_prefix": "丰泽督", "office_username": "fz-sup"},
    )
    assert response.status_code == 200
    region = Region.objects.get(name="丰泽区")
    office = User.objects.get(username="fz-sup")
    assert Membership.objects.filter(user=office, role=Role.SUPERVISOR, region=region).exists()
    assert must_change_password(office)
    assert office.check_password(response.context["credential"].password)
    client.force_login(world.wangfang)
    assert client.get("/onboarding/regions/new/").status_code == 403
