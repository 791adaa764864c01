"""王芳 (泉港区's office) sends the roster to the units of the 2026 plan, gets it back filled and imports it: one
leader and one liaison account per unit. A bad roster is refused whole with its rows named; a second import
changes nothing; when 发改局's liaison is replaced, the successor takes over the unit's open items."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.services import must_change_password
from audit.models import AuditEvent
from audit.services import verify
from onboarding import roster, services
from orgs.models import Membership, Role
from orgs.roles import roles_of
from progress.due import due_for
from tests.progress.factories import World, build_world

User = get_user_model()


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def fill(data: bytes, people: dict[str, dict[str, str]]) -> io.BytesIO:
    """The units fill in their rows: {unit name: {column title: value}}."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[roster.SHEET]
    cols = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(3, ws.max_row + 1):
        values = people.get(ws.cell(r, cols["单位名称"]).value or "", {})
        for title, value in values.items():
            ws.cell(r, cols[title]).value = value
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def person(leader: str, leader_mobile: str, liaison: str, liaison_mobile: str, **more: str) -> dict[str, str]:
    return {
        "分管领导姓名": leader,
        "分管领导职务": "副局长",
        "分管领导手机": leader_mobile,
        "联络员姓名": liaison,
        "联络员职务": "科员",
        "联络员手机": liaison_mobile,
        "联络员办公电话": "0595-87654321",
        "电子邮箱": more.get("email", f"{liaison_mobile}@duban.example"),
    }


GOOD = {
    "区发改局": person("陈建国", "13900000001", "林小红", "13800000001"),
    "区工信局": person("黄海", "13900000002", "郑丽", "13800000002"),
}


def test_the_template_lists_the_units_of_the_plan_with_a_hidden_sheet_of_ids(world):
    data = services.template(world.plan.region)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[roster.SHEET]
    assert [ws.cell(2, c).value for c in range(1, 11)] == list(roster.COLUMNS)
    assert [ws.cell(r, 2).value for r in range(3, ws.max_row + 1)] == ["区发改局", "区工信局"]
    ids = wb[roster.IDS_SHEET]
    assert ids.sheet_state == "hidden"
    assert ids.cell(2, 1).value == world.fagai.pk
    assert ws.data_validations.dataValidation  # drop-downs for units and titles, 11 digits for mobiles


def test_a_filled_roster_gives_one_leader_and_one_liaison_per_unit(world):
    region = world.plan.region
    plan = services.plan(region, fill(services.template(region), GOOD))
    assert plan.ok, plan.problem_lines()
    kinds = sorted((c.unit.name, c.role, c.kind) for c in plan.changes)
    # 李明 and the other accounts of the story hold the roles today without a mobile: the roster replaces them
    assert {k for _, _, k in kinds} == {"replaced"}
    credentials = services.apply(plan, by=world.wangfang)
    assert sorted(c.username for c in credentials) == [
        "13800000001",
        "13800000002",
        "13900000001",
        "13900000002",
    ]
    for unit in (world.fagai, world.gongxin):
        for role in (Role.LIAISON, Role.UNIT_LEADER):
            holders = Membership.objects.filter(unit=unit, role=role)
            assert holders.count() == 1
    newcomer = User.objects.get(username="13800000001")
    assert newcomer.check_password(next(c.password for c in credentials if c.username == "13800000001"))
    assert must_change_password(newcomer)
    assert newcomer.person.contact.office_phone == "0595-87654321"
    assert world.fagai.pk in roles_of(newcomer).liaison_units


def test_importing_the_same_roster_again_changes_nothing(world):
    region = world.plan.region
    data = fill(services.template(region), GOOD).getvalue()
    services.apply(services.plan(region, io.BytesIO(data)), by=world.wangfang)
    events = AuditEvent.objects.count()
    again = services.plan(region, io.BytesIO(data))
    assert again.ok
    assert again.changes == []
    assert services.apply(again, by=world.wangfang) == []
    assert AuditEvent.objects.count() == events


def test_a_bad_roster_is_refused_naming_each_bad_row_and_nothing_is_written(world, tmp_path):
    region = world.plan.region
    bad = dict(GOOD)
    bad["区工信局"] = person("黄海", "13900000002", "郑丽", "1381234")
    data = fill(services.template(region), bad)
    wb = openpyxl.load_workbook(data)
    wb[roster.SHEET].cell(3, 2).value = "不存在的单位"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    users, events = User.objects.count(), AuditEvent.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何内容"):
        call_command("import_roster", str(path), "--region", region.name, stderr=err, stdout=io.StringIO())
    lines = err.getvalue()
    assert "第3行" in lines
    assert "不存在的单位" in lines
    assert "第4行" in lines
    assert "1381234" in lines
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


def test_the_same_person_twice_and_a_missing_liaison_are_refused(world):
    region = world.plan.region
    twice = {
        "区发改局": person("陈建国", "13900000001", "林小红", "13800000001"),
        "区工信局": {**person("黄海", "13900000002", "", ""), "分管领导手机": "13900000001"},
    }
    plan = services.plan(region, fill(services.template(region), twice))
    text = "\n".join(plan.problem_lines())
    assert "第3行" in text
    assert "13900000001" in text
    assert "联络员" in text  # 工信局's liaison is missing


def test_a_dry_run_writes_nothing(world, tmp_path):
    region = world.plan.region
    path = tmp_path / "good.xlsx"
    path.write_bytes(fill(services.template(region), GOOD).getvalue())
    users, events = User.objects.count(), AuditEvent.objects.count()
    out = io.StringIO()
    call_command("import_roster", str(path), "--region", region.name, "--dry-run", stdout=out)
    assert "dry run" in out.getvalue()
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


def test_a_unit_that_has_not_returned_its_row_keeps_its_people(world):
    region = world.plan.region
    plan = services.plan(region, fill(services.template(region), {"区发改局": GOOD["区发改局"]}))
    assert plan.ok
    assert plan.unreturned == ["区工信局"]
    services.apply(plan, by=world.wangfang)
    assert Membership.objects.filter(unit=world.gongxin, role=Role.LIAISON, user=world.zhaoqiang).exists()


def test_a_handover_moves_the_units_open_items_to_the_successor(world, tmp_path):
    region = world.plan.region
    services.apply(services.plan(region, fill(services.template(region), GOOD)), by=world.wangfang)
    first = User.objects.get(username="13800000001")
    today = dt.date(2026, 4, 3)
    owed_before = {(r.task.pk, r.period.pk) for r in due_for(first, today=today)}
    assert owed_before
    handover = dict(GOOD)
    handover["区发改局"] = person("陈建国", "13900000001", "王接任", "13700000009")
    credentials = services.apply(
        services.plan(region, fill(services.template(region), handover)), by=world.wangfang
    )
    assert [c.username for c in credentials] == ["13700000009"]
    successor = User.objects.get(username="13700000009")
    first.refresh_from_db()
    first._duban_roles = None
    del first._duban_roles
    assert world.fagai.pk not in roles_of(first).liaison_units
    assert not first.is_active
    assert {(r.task.pk, r.period.pk) for r in due_for(successor, today=today)} == owed_before
    event = AuditEvent.objects.filter(verb="roster.handover").order_by("-pk").first()
    assert event is not None
    assert event.before["user"] == "13800000001"
    assert event.after["user"] == "13700000009"
    assert verify() == []


def test_an_unreadable_file_is_a_clear_message(world):
    plan = services.plan(world.plan.region, io.BytesIO(b"not a workbook"))
    assert not plan.ok
    assert "无法读取" in plan.problem_lines()[0]
