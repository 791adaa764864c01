"""王芳 (the office of 泉港区) edits her plan on its pages; 李明 and 陈静 cannot; two saves at once lose nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from orgs.models import Person, Role, Unit
from targets import services
from targets.edits import task_version
from targets.models import Assignment, Plan, Section, Task
from tests.factories import PersonFactory, RegionFactory, UnitFactory, member
from tests.targets.builders import big_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def story() -> dict[str, Any]:
    quangang: Any = RegionFactory(name="泉港区")
    licheng: Any = RegionFactory(name="鲤城区")
    fagai: Any = UnitFactory(region=quangang, name="发改局")
    jiaoyu = UnitFactory(region=quangang, name="教育局")
    towns: Any = UnitFactory(region=quangang, name="各镇（街道）", kind=Unit.Kind.GROUP)
    zeng: Any = PersonFactory(region=quangang, name="曾国志", kind=Person.Kind.LEADER)
    lin = PersonFactory(region=quangang, name="林建华", kind=Person.Kind.LEADER)
    plan = big_plan(quangang, 2, lead=fagai, co=towns, leader=zeng)
    return {
        "plan": plan,
        "task": plan.tasks.get(seq=1),
        "section": plan.sections.get(),
        "fagai": fagai,
        "jiaoyu": jiaoyu,
        "towns": towns,
        "lin": lin,
        "wang_fang": member("wangfang", Role.SUPERVISOR, region=quangang),
        "zhang_wei": member("zhangwei", Role.SUPERVISOR, region=quangang),
        "li_ming": member("liming", Role.LIAISON, region=quangang, unit=fagai),
        "chen_jing": member("chenjing", Role.SUPERVISOR, region=licheng),
    }


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, name: str, task: Task, **data: Any) -> Any:
    return client.post(reverse(f"targets:{name}", args=[task.pk]), {"version": task_version(task), **data})


def _event(verb: str) -> AuditEvent:
    return AuditEvent.objects.get(verb=verb)


def test_wang_fang_edits_the_text_and_the_trail_keeps_both(story: dict[str, Any]) -> None:
    client, task = _login(story["wang_fang"]), story["task"]
    page = client.get(reverse("targets:edit_text", args=[task.pk])).content.decode()
    assert "第1项：新增城镇就业2700人以上。" in page
    response = _post(client, "edit_text", task, text="新增城镇就业3000人以上。")
    assert response.status_code == 302
    assert response["Location"] == reverse("targets:task_detail", args=[task.pk])
    task.refresh_from_db()
    assert task.text == "新增城镇就业3000人以上。"
    event = _event("task.text_edited")
    assert event.actor == story["wang_fang"]
    assert event.before == {"text": "第1项：新增城镇就业2700人以上。"}
    assert event.after == {"text": "新增城镇就业3000人以上。"}


def test_units_leaders_and_tags_are_set_on_their_pages(story: dict[str, Any]) -> None:
    client, task = _login(story["wang_fang"]), story["task"]
    _post(client, "edit_units", task, lead_units=[story["jiaoyu"].pk], co_units=[story["fagai"].pk])
    assert [u.name for u in task.lead_units] == ["教育局"]
    assert [u.name for u in task.co_units] == ["发改局"]
    assert _event("task.reassigned").before == {"lead_units": ["发改局"], "co_units": ["各镇（街道）"]}
    _post(client, "edit_leaders", task, leaders=[story["lin"].pk])
    assert [p.name for p in task.leader_people] == ["林建华"]
    assert _event("task.leaders_set").after == ["林建华"]
    _post(client, "edit_tags", task, tags=["key_project", "livelihood"])
    task.refresh_from_db()
    assert task.tags == ["key_project", "livelihood"]
    assert _event("task.tagged").before == {"tags": []}


def test_a_unit_cannot_lead_and_help_at_once(story: dict[str, Any]) -> None:
    client, task = _login(story["wang_fang"]), story["task"]
    both = story["jiaoyu"].pk
    response = _post(client, "edit_units", task, lead_units=[both], co_units=[both])
    assert response.status_code == 200
    assert "同一单位不能既牵头又配合：教育局。" in response.content.decode()
    assert [u.name for u in task.lead_units] == ["发改局"]


def test_the_due_date_moves_only_with_a_reason(story: dict[str, Any]) -> None:
    client, task = _login(story["wang_fang"]), story["task"]
    response = _post(client, "edit_due_date", task, due_date="2027-03-31", reason="")
    assert response.status_code == 200
    assert "该字段是必填项。" in response.content.decode()
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 12, 31)
    _post(client, "edit_due_date", task, due_date="2027-03-31", reason="资金未到位，县政府同意延期")
    task.refresh_from_db()
    assert task.due_date == dt.date(2027, 3, 31)
    event = _event("task.due_date_adjusted")
    assert event.before == {"due_date": "2026-12-31"}
    assert event.after == {"due_date": "2027-03-31", "reason": "资金未到位，县政府同意延期"}


def test_a_withdrawn_task_keeps_its_row_and_says_so(story: dict[str, Any]) -> None:
    client, task = _login(story["wang_fang"]), story["task"]
    assert "撤销任务" in client.get(reverse("targets:task_detail", args=[task.pk])).content.decode()
    _post(client, "withdraw_task", task)
    task.refresh_from_db()
    assert task.status == Task.Status.WITHDRAWN
    assert _event("task.withdrawn").after == {"status": "withdrawn"}


def test_a_task_added_to_a_section_takes_the_next_number(story: dict[str, Any]) -> None:
    client, plan, section = _login(story["wang_fang"]), story["plan"], story["section"]
    url = reverse("targets:add_task", args=[plan.pk, section.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"text": "建成区级数据中心。", "due_date": "2026-10-31", "lead_units": [story["jiaoyu"].pk]}
    )
    task = plan.tasks.get(seq=3)
    assert response["Location"] == reverse("targets:task_detail", args=[task.pk])
    assert (task.text, task.section, task.section_path) == ("建成区级数据中心。", section, ["一、主要目标"])
    assert [u.name for u in task.lead_units] == ["教育局"]
    assert _event("task.created").after["lead_units"] == ["教育局"]


def test_a_section_is_renamed_and_the_plan_closed_and_reopened(story: dict[str, Any]) -> None:
    client, plan, section = _login(story["wang_fang"]), story["plan"], story["section"]
    page = client.get(reverse("targets:task_list", args=[plan.pk])).content.decode()
    assert "关闭计划（年度已结束）" in page
    url = reverse("targets:rename_section", args=[plan.pk, section.pk])
    version = client.get(url).context["form"].initial["version"]
    client.post(url, {"title": "一、主要预期目标", "version": version})
    section.refresh_from_db()
    assert section.title == "一、主要预期目标"
    assert _event("section.renamed").before == {"title": "一、主要目标"}
    assert client.get(reverse("targets:close_plan", args=[plan.pk])).status_code == 405
    client.post(reverse("targets:close_plan", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED
    assert "重新开启计划" in client.get(reverse("targets:task_list", args=[plan.pk])).content.decode()
    client.post(reverse("targets:reopen_plan", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE
    assert [e.verb for e in AuditEvent.objects.filter(verb__startswith="plan.").order_by("pk")] == [
        "plan.closed",
        "plan.reopened",
    ]


EDIT_PAGES = ["edit_text", "edit_units", "edit_leaders", "edit_tags", "edit_due_date", "withdraw_task"]


@pytest.mark.parametrize(
    ("person", "status"), [("wang_fang", 200), ("li_ming", 403), ("chen_jing", 404), (None, 302)]
)
def test_only_the_office_of_the_region_opens_or_saves_an_edit(
    story: dict[str, Any], person: str | None, status: int
) -> None:
    """李明 reads the task but may not change it (403); 陈静 does not see it at all (404); no one signed in
    goes to the login page. A refused save changes nothing."""
    client = _login(story[person]) if person else Client()
    task, plan, section = story["task"], story["plan"], story["section"]
    urls = [reverse(f"targets:{name}", args=[task.pk]) for name in EDIT_PAGES] + [
        reverse("targets:add_task", args=[plan.pk, section.pk]),
        reverse("targets:rename_section", args=[plan.pk, section.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == status, url
    if status == 200:
        return
    events = AuditEvent.objects.count()
    for url in [*urls, reverse("targets:close_plan", args=[plan.pk])]:
        assert (
            client.post(url, {"text": "改", "title": "改", "version": task_version(task)}).status_code
            == status
        )
    task.refresh_from_db()
    plan.refresh_from_db()
    assert (task.text, task.status, plan.status) == ("第1项：新增城镇就业2700人以上。", "active", "active")
    assert AuditEvent.objects.count() == events
    assert not Section.objects.exclude(title="一、主要目标").exists()


def test_the_edit_links_show_for_the_office_only(story: dict[str, Any]) -> None:
    url = reverse("targets:task_detail", args=[story["task"].pk])
    assert "调整完成时限" in _login(story["wang_fang"]).get(url).content.decode()
    assert "调整完成时限" not in _login(story["li_ming"]).get(url).content.decode()
    plan_url = reverse("targets:task_list", args=[story["plan"].pk])
    assert "编辑计划" not in _login(story["li_ming"]).get(plan_url).content.decode()


def test_two_people_saving_at_once_the_second_is_told_and_loses_nothing(story: dict[str, Any]) -> None:
    """王芳 and 张伟 open the same task; 张伟 saves first. 王芳's save is refused with the reason, her words
    are still in the form, and saving again (now knowingly) goes through."""
    wang, task = _login(story["wang_fang"]), story["task"]
    url = reverse("targets:edit_text", args=[task.pk])
    seen = wang.get(url).context["form"].initial["version"]
    services.adjust_due_date(
        task=task, due_date=dt.date(2026, 11, 30), reason="提前", by=story["zhang_wei"], version=seen
    )
    response = wang.post(url, {"text": "王芳改写的任务内容。", "version": seen})
    page = response.content.decode()
    assert response.status_code == 200
    assert "其他人已修改了这项任务，您的修改未保存" in page
    assert "王芳改写的任务内容。" in page
    assert "2026-11-30" in page  # the task as it is now
    task.refresh_from_db()
    assert task.text == "第1项：新增城镇就业2700人以上。"
    assert not AuditEvent.objects.filter(verb="task.text_edited").exists()
    again = response.context["form"].data["version"]
    assert wang.post(url, {"text": "王芳改写的任务内容。", "version": again}).status_code == 302
    task.refresh_from_db()
    assert task.text == "王芳改写的任务内容。"


def test_a_forged_or_missing_version_is_refused(story: dict[str, Any]) -> None:
    client, task = _login(story["wang_fang"]), story["task"]
    url = reverse("targets:edit_tags", args=[task.pk])
    assert client.post(url, {"tags": ["reform"]}).status_code == 200
    assert client.post(url, {"tags": ["reform"], "version": "0" * 16}).status_code == 200
    task.refresh_from_db()
    assert task.tags == []
    assert Assignment.objects.filter(task=task).count() == 2
