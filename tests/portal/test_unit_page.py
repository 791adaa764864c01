"""The unit work list (战术清单): 李明 of 发改局 sees his unit's tasks with lights, notices and milestones, and
keeps his unit's milestones there; 赵强 of 工信局 (co-unit) reads but adds none; others are turned away."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from orgs.models import Membership, Region, Role, Unit
from orgs.services import set_region_parent
from supervision.models import Notice
from targets.models import Milestone
from targets.services import add_milestone, close_milestone, edit_milestone
from tests.factories import AssignmentFactory, TaskFactory, UnitFactory, member
from tests.progress.factories import World, add_tasks

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user: Any, unit: Unit) -> Any:
    return _client(user).get(reverse("portal:unit", args=[unit.pk]))


def test_li_ming_sees_his_units_work_list_with_light_notice_and_milestones(world: World, today: Any) -> None:
    Notice.objects.create(
        region=world.plan.region, task=world.task, unit=world.fagai, year=2026, level=1, rule="red_at_scan",
        reasons=["连续两期未报送"], proposed_on=dt.date(2026, 3, 20), state=Notice.State.ISSUED,
        seq_no=1, number="泉港督〔2026〕1号", issued_on=dt.date(2026, 3, 20), answer_due=dt.date(2026, 3, 27),
    )  # fmt: skip
    add_milestone(
        task=world.task, title="完成一季度经济运行分析", due_date=dt.date(2026, 3, 31), by=world.liming,
        unit=world.fagai, deliverable="一季度经济运行分析报告",
    )  # fmt: skip
    response = _page(world.liming, world.fagai)
    body = response.content.decode()
    assert response.status_code == 200
    assert "地区生产总值增长5.5%左右" in body
    assert "泉港督〔2026〕1号" in body
    assert "一季度经济运行分析报告" in body
    assert 'data-light="' in body
    assert "添加关键节点" in body  # the lead unit edits its milestones here
    assert "本单位工作清单" in body  # the nav links the page


def test_zhao_qiang_of_the_co_unit_reads_the_task_but_adds_no_milestone(world: World, today: Any) -> None:
    response = _page(world.zhaoqiang, world.gongxin)
    body = response.content.decode()
    assert response.status_code == 200
    assert "地区生产总值增长5.5%左右" in body
    assert "协办单位" in body
    assert "添加关键节点" not in body
    url = reverse("portal:milestone_add", args=[world.gongxin.pk, world.task.pk])
    refused = _client(world.zhaoqiang).post(url, {"title": "配合调度", "due_date": "2026-05-01"})
    assert refused.status_code == 403
    assert not Milestone.objects.exists()


def test_li_ming_adds_edits_and_closes_a_milestone_and_each_step_is_audited(world: World, today: Any) -> None:
    client = _client(world.liming)
    add = reverse("portal:milestone_add", args=[world.fagai.pk, world.task.pk])
    response = client.post(add, {"title": "项目开工", "due_date": "2026-05-31", "deliverable": "开工报告"})
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.unit, milestone.title, milestone.deliverable) == (world.fagai, "项目开工", "开工报告")
    edit = reverse("portal:milestone_edit", args=[world.fagai.pk])
    client.post(edit, {"milestone": milestone.pk, "title": "项目全面开工", "due_date": "2026-06-15"})
    close = reverse("portal:milestone_close", args=[world.fagai.pk])
    client.post(close, {"milestone": milestone.pk, "done_on": "2026-04-02"})
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_date, milestone.done_on) == (
        "项目全面开工", dt.date(2026, 6, 15), dt.date(2026, 4, 2),
    )  # fmt: skip
    events = AuditEvent.objects.filter(verb__startswith="milestone.").order_by("pk")
    assert [e.verb for e in events] == ["milestone.created", "milestone.edited", "milestone.closed"]
    assert {e.actor_name for e in events} == {"liming"}
    assert events[1].before["title"] == "项目开工"
    assert events[1].after["title"] == "项目全面开工"


def test_bad_input_gets_a_chinese_message_and_keeps_what_was_typed(world: World, today: Any) -> None:
    client = _client(world.liming)
    add = reverse("portal:milestone_add", args=[world.fagai.pk, world.task.pk])
    response = client.post(add, {"title": "可研批复", "due_date": "明年五月", "deliverable": "批复文件"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "输入一个有效的日期" in body
    assert 'value="可研批复"' in body
    assert 'value="批复文件"' in body
    milestone = add_milestone(
        task=world.task, title="开工", due_date=dt.date(2026, 5, 1), by=world.liming, unit=world.fagai
    )
    close = reverse("portal:milestone_close", args=[world.fagai.pk])
    future = client.post(close, {"milestone": milestone.pk, "done_on": "2026-12-01"})
    assert future.status_code == 400
    assert "尚未到来" in future.content.decode()
    assert Milestone.objects.get().done_on is None
    assert Milestone.objects.count() == 1


def test_a_unit_edits_only_its_own_milestones(world: World, today: Any) -> None:
    """The office's milestone (no unit) and another unit's are not 李明's to change."""
    office_one = add_milestone(
        task=world.task, title="督查室节点", due_date=dt.date(2026, 6, 1), by=world.wangfang
    )
    client = _client(world.liming)
    edit = reverse("portal:milestone_edit", args=[world.fagai.pk])
    refused = client.post(edit, {"milestone": office_one.pk, "title": "改掉", "due_date": "2026-06-01"})
    assert refused.status_code == 403
    assert Milestone.objects.get().title == "督查室节点"
    body = _page(world.liming, world.fagai).content.decode()
    assert "督查室节点" in body
    assert f'name="milestone" value="{office_one.pk}"' not in body


def test_a_town_has_the_task_through_its_group_and_keeps_its_milestones(world: World, today: Any) -> None:
    region = world.plan.region
    town: Any = UnitFactory(region=region, name="山腰街道", kind=Unit.Kind.TOWN)
    towns: Any = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    towns.members.add(town)
    task: Any = TaskFactory(plan=world.plan, seq=9, text="推进农村人居环境整治。")
    AssignmentFactory(task=task, unit=towns, role="lead")
    liaison = member("zhanglan", Role.LIAISON, region=region, unit=town)
    body = _page(liaison, town).content.decode()
    assert "推进农村人居环境整治" in body
    assert "通过各镇（街道）" in body
    add = reverse("portal:milestone_add", args=[town.pk, task.pk])
    assert _client(liaison).post(add, {"title": "整治验收", "due_date": "2026-09-30"}).status_code == 302
    assert Milestone.objects.get().unit == town


@pytest.mark.parametrize(
    ("who", "code"),
    [("liming", 200), ("fagai_leader", 200), ("wangfang", 200), ("zhoumin", 200), ("chenjing", 404),
     ("jiaoyu_liaison", 404), ("zengguozhi", 404)],
)  # fmt: skip
def test_who_reads_a_units_work_list(world: World, today: Any, who: str, code: int) -> None:
    assert _page(getattr(world, who), world.fagai).status_code == code


def test_the_office_may_edit_and_the_observer_only_reads(world: World, today: Any) -> None:
    assert "添加关键节点" in _page(world.wangfang, world.fagai).content.decode()
    assert "添加关键节点" not in _page(world.zhoumin, world.fagai).content.decode()
    add = reverse("portal:milestone_add", args=[world.fagai.pk, world.task.pk])
    assert _client(world.zhoumin).post(add, {"title": "x", "due_date": "2026-05-01"}).status_code == 403


def test_anonymous_is_sent_to_log_in(world: World) -> None:
    response = Client().get(reverse("portal:unit", args=[world.fagai.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_page_takes_the_same_number_of_queries_for_10_and_40_tasks(
    world: World, today: Any, django_assert_max_num_queries: Any
) -> None:
    client = _client(world.liming)
    url = reverse("portal:unit", args=[world.fagai.pk])
    add_tasks(world, 9)
    client.get(url)  # warm the per-process caches (calendar)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    add_tasks(world, 30)
    client.get(url)  # the lights of 40 tasks computed and cached, as the 10 were by the warming request
    with CaptureQueriesContext(connection) as forty:
        body = client.get(url).content.decode()
    assert body.count('class="card portal-item"') == 40
    assert len(forty) == len(ten)


def test_the_unit_leader_keeps_milestones_too_but_never_moves_one_to_another_unit(world: World) -> None:
    milestone = add_milestone(
        task=world.task, title="开工", due_date=dt.date(2026, 5, 1), by=world.fagai_leader, unit=world.fagai
    )
    with pytest.raises(PermissionDenied):
        edit_milestone(milestone=milestone, unit=world.gongxin, by=world.liming)
    with pytest.raises(PermissionDenied):
        add_milestone(
            task=world.task, title="x", due_date=dt.date(2026, 5, 1), by=world.liming, unit=world.gongxin
        )
    with pytest.raises(PermissionDenied):
        close_milestone(milestone=milestone, done_on=dt.date(2026, 4, 1), by=world.zhaoqiang)
    milestone.refresh_from_db()
    assert (milestone.unit, milestone.done_on) == (world.fagai, None)
    assert AuditEvent.objects.filter(verb__startswith="milestone.").count() == 1


def test_the_office_finds_every_units_page_and_a_liaison_only_his_own(world: World, today: Any) -> None:
    office = _client(world.wangfang).get(reverse("portal:units")).content.decode()
    for unit in (world.fagai, world.gongxin, world.jiaoyu):
        assert reverse("portal:unit", args=[unit.pk]) in office
    assert "单位工作清单" in office
    neighbour = _client(world.chenjing).get(reverse("portal:units")).content.decode()
    assert reverse("portal:unit", args=[world.fagai.pk]) not in neighbour
    own = _client(world.liming).get(reverse("portal:units")).content.decode()
    assert reverse("portal:unit", args=[world.fagai.pk]) in own
    assert reverse("portal:unit", args=[world.gongxin.pk]) not in own


def test_a_liaison_of_two_towns_of_one_group_keeps_milestones_for_each(world: World) -> None:
    region = world.plan.region
    shanyao: Any = UnitFactory(region=region, name="山腰街道", kind=Unit.Kind.TOWN)
    nanpu: Any = UnitFactory(region=region, name="南埔镇", kind=Unit.Kind.TOWN)
    towns: Any = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    towns.members.add(shanyao, nanpu)
    task: Any = TaskFactory(plan=world.plan, seq=9, text="推进农村人居环境整治。")
    AssignmentFactory(task=task, unit=towns, role="lead")
    both = member("zhanglan", Role.LIAISON, region=region, unit=shanyao)
    Membership.objects.create(user=both, role=Role.LIAISON, region=region, unit=nanpu)
    for town in (shanyao, nanpu):
        add_milestone(task=task, title="验收", due_date=dt.date(2026, 9, 30), by=both, unit=town)
    assert set(Milestone.objects.values_list("unit__name", flat=True)) == {"山腰街道", "南埔镇"}


def test_a_region_is_put_under_a_city_by_an_administrator_only(world: World) -> None:
    city = Region.objects.create(name="泉州市")
    with pytest.raises(PermissionDenied):
        set_region_parent(region=world.plan.region, parent=city, by=world.wangfang)
    set_region_parent(region=world.plan.region, parent=city, by="manage.py demo")
    with pytest.raises(ValueError, match="parent"):
        set_region_parent(region=city, parent=world.plan.region, by="manage.py demo")
    event = AuditEvent.objects.get(verb="region.parent_set")
    assert (event.before, event.after) == ({"parent": None}, {"parent": "泉州市"})
