"""The office changes plans and tasks through one service per action; each is audited, each checks who."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from audit.services import verify
from orgs.models import Role
from progress.models import IndicatorReading
from targets import services
from targets.models import Indicator, Task
from tests.factories import PersonFactory, RegionFactory, member
from tests.progress.factories import World, build_world, file

pytestmark = pytest.mark.django_db

GDP = services.IndicatorSpec(
    name="地区生产总值增长", kind="growth_rate", comparator="~", value=5.5, unit="%", target_year=2026
)


GROWTH_6 = services.IndicatorSpec(
    name="规上工业增加值增长", kind="growth_rate", comparator="~", value=6.0, unit="%", target_year=2026
)


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def _event(verb: str) -> AuditEvent:
    return AuditEvent.objects.get(verb=verb)


def test_wang_fang_creates_a_task_with_its_units_leaders_and_indicators(world: World) -> None:
    spec = services.TaskSpec(
        seq=2,
        text="新建5G基站300个。",
        due_date=dt.date(2026, 12, 31),
        lead_units=[world.gongxin],
        co_units=[world.fagai, world.jiaoyu],
        leaders=[PersonFactory(region=world.plan.region, name="曾国志")],
        indicators=[GDP],
    )
    task = services.create_task(plan=world.plan, spec=spec, by=world.wangfang)
    assert [u.name for u in task.lead_units] == ["区工信局"]
    assert [u.name for u in task.co_units] == ["区发改局", "区教育局"]
    event = _event("task.created")
    assert event.actor_name == "wangfang"
    assert event.after["lead_units"] == ["区工信局"]
    assert event.after["leaders"] == ["曾国志"]
    assert event.after["indicators"][0][:2] == ["地区生产总值增长", "growth_rate"]
    assert verify() == []


def test_reassigning_moves_the_task_and_keeps_the_reports_filed_so_far(world: World) -> None:
    report = file(world, world.period("month", 3))
    services.reassign_task(task=world.task, lead_units=[world.jiaoyu], co_units=[], by=world.wangfang)
    event = _event("task.reassigned")
    assert event.before == {"lead_units": ["区发改局"], "co_units": ["区工信局"]}
    assert event.after == {"lead_units": ["区教育局"], "co_units": []}
    report.refresh_from_db()
    assert report.unit == world.fagai


def test_tagging_adjusting_and_withdrawing_each_record_before_and_after(world: World) -> None:
    task = world.task
    old_due = task.due_date.isoformat()
    services.tag_task(task=task, tags=[Task.Tag.KEY_PROJECT], by=world.wangfang)
    services.adjust_due_date(
        task=task, due_date=dt.date(2027, 6, 30), by=world.wangfang, reason="区政府同意延期"
    )
    services.withdraw_task(task=task, by=world.wangfang)
    assert _event("task.tagged").after == {"tags": ["key_project"]}
    adjusted = _event("task.due_date_adjusted")
    assert adjusted.before == {"due_date": old_due}
    assert adjusted.after == {"due_date": "2027-06-30", "reason": "区政府同意延期"}
    assert _event("task.withdrawn").after == {"status": "withdrawn"}
    task.refresh_from_db()
    assert task.tags == ["key_project"]
    assert task.due_date == dt.date(2027, 6, 30)
    assert task.is_withdrawn
    # the same action again changes nothing and records nothing
    services.tag_task(task=task, tags=[Task.Tag.KEY_PROJECT], by=world.wangfang)
    assert AuditEvent.objects.filter(verb="task.tagged").count() == 1


def test_indicators_with_readings_survive_a_revision(world: World) -> None:
    file(world, world.period("month", 3), readings={world.indicator.pk: 5.6})
    spec = services.TaskSpec(
        seq=1,
        text="地区生产总值增长6%。",
        due_date=world.task.due_date,
        lead_units=[world.fagai],
        indicators=[],
    )
    services.revise_task(task=world.task, spec=spec, by="manage.py import_plan")
    assert Indicator.objects.filter(pk=world.indicator.pk).exists()
    assert IndicatorReading.objects.filter(indicator=world.indicator).count() == 1
    event = _event("task.updated")
    assert event.before["text"] != event.after["text"]
    assert event.after["text"] == "地区生产总值增长6%。"


def test_milestones_are_added_edited_and_closed(world: World) -> None:
    m = services.add_milestone(
        task=world.task, title="开工", due_date=dt.date(2026, 5, 31), by=world.wangfang
    )
    services.edit_milestone(milestone=m, title="全面开工", by=world.wangfang)
    services.close_milestone(milestone=m, done_on=dt.date(2026, 5, 20), by=world.wangfang)
    assert _event("milestone.edited").before["title"] == "开工"
    assert _event("milestone.closed").after == {"done_on": "2026-05-20"}


def test_plans_are_edited_and_closed_by_their_office(world: World) -> None:
    services.edit_plan(plan=world.plan, title="2026年目标任务分解表（修订）", by=world.wangfang)
    services.close_plan(plan=world.plan, by=world.wangfang)
    assert _event("plan.updated").after["title"] == "2026年目标任务分解表（修订）"
    assert _event("plan.closed").before == {"status": "active"}


@pytest.mark.parametrize("who", ["liming", "chenjing", "zhoumin", "zengguozhi", "fagai_leader", None])
def test_no_one_but_the_office_changes_a_plan(world: World, who: str | None) -> None:
    """A liaison, another region's office, an observer, a leader, a unit leader, no one: all refused."""
    actor = getattr(world, who) if who else None
    before = AuditEvent.objects.count()
    actions = [
        lambda: services.tag_task(task=world.task, tags=["reform"], by=actor),
        lambda: services.withdraw_task(task=world.task, by=actor),
        lambda: services.adjust_due_date(task=world.task, due_date=dt.date(2027, 1, 1), by=actor),
        lambda: services.reassign_task(task=world.task, lead_units=[world.jiaoyu], co_units=[], by=actor),
        lambda: services.edit_plan(plan=world.plan, title="x", by=actor),
        lambda: services.close_plan(plan=world.plan, by=actor),
        lambda: services.add_section(plan=world.plan, title="一、", by=actor),
        lambda: services.add_milestone(task=world.task, title="x", due_date=dt.date(2026, 5, 1), by=actor),
    ]
    for action in actions:
        with pytest.raises(PermissionDenied):
            action()
    assert AuditEvent.objects.count() == before
    world.task.refresh_from_db()
    assert world.task.status == Task.Status.ACTIVE
    assert world.task.tags == []


def test_an_admin_and_the_command_line_act_as_the_office(world: World, django_user_model: Any) -> None:
    root = django_user_model.objects.create_superuser("root", password="Root-pass-2026")
    services.tag_task(task=world.task, tags=["reform"], by=root)
    services.tag_task(task=world.task, tags=["livelihood"], by="manage.py import_plan")
    assert list(AuditEvent.objects.filter(verb="task.tagged").values_list("actor_name", flat=True)) == [
        "root",
        "manage.py import_plan",
    ]
    # a plain string is not a command: it cannot pass for one
    with pytest.raises(PermissionDenied):
        services.tag_task(task=world.task, tags=["reform"], by="someone")


def test_a_plan_of_another_region_is_refused_to_its_neighbours_office(db: Any) -> None:
    licheng: Any = RegionFactory(name="鲤城区")
    chen = member("chenjing", Role.SUPERVISOR, region=licheng)
    quangang: Any = RegionFactory(name="泉港区")
    with pytest.raises(PermissionDenied):
        services.create_plan(region=quangang, year=2026, title="泉港区分解表", by=chen)
    plan = services.create_plan(region=licheng, year=2026, title="鲤城区分解表", by=chen)
    assert _event("plan.created").after["title"] == "鲤城区分解表"
    assert plan.region == licheng


def test_the_office_edits_text_leaders_indicators_and_sections(world: World) -> None:
    task = world.task
    services.edit_task_text(task=task, text="地区生产总值增长6%左右。", by=world.wangfang)
    lin = PersonFactory(region=world.plan.region, name="林伟")
    services.set_task_leaders(task=task, leaders=[lin], by=world.wangfang)
    services.set_task_indicators(task=task, indicators=[GDP, GROWTH_6], by=world.wangfang)
    section = services.add_section(plan=world.plan, title="一、经济发展", by=world.wangfang)
    services.rename_section(section=section, title="一、高质量发展", by=world.wangfang)
    services.reopen_plan(plan=world.plan, by=world.wangfang)  # already active: nothing to record
    assert _event("task.text_edited").before == {"text": "地区生产总值增长5.5%左右，规上工业增加值增长6%。"}
    assert _event("task.leaders_set").before == ["曾国志"]
    assert _event("task.leaders_set").after == ["林伟"]
    indicators = _event("task.indicators_set")
    assert [i[0] for i in indicators.after] == ["地区生产总值增长", "规上工业增加值增长"]
    assert _event("section.renamed").after == {"title": "一、高质量发展"}
    assert not AuditEvent.objects.filter(verb="plan.reopened").exists()
    assert Indicator.objects.get(pk=world.indicator.pk).task == task  # the same row, updated in place
    assert verify() == []
