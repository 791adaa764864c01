"""The office's plan edits through the API: 王芳 edits with her token, 李明 is refused (403), 陈静 does not see
the plan (404); a stale version is a 409 with the current one, and nothing is overwritten."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from audit.models import AuditEvent
from orgs.models import Person, Role, Unit
from targets.models import Plan, Task
from tests.factories import PersonFactory, RegionFactory, UnitFactory, member
from tests.targets.builders import big_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def story() -> dict[str, Any]:
    quangang: Any = RegionFactory(name="泉港区")
    licheng: Any = RegionFactory(name="鲤城区")
    fagai: Any = UnitFactory(region=quangang, name="发改局")
    towns: Any = UnitFactory(region=quangang, name="各镇（街道）", kind=Unit.Kind.GROUP)
    zeng: Any = PersonFactory(region=quangang, name="曾国志", kind=Person.Kind.LEADER)
    plan = big_plan(quangang, 2, lead=fagai, co=towns, leader=zeng)
    return {
        "plan": plan,
        "task": plan.tasks.get(seq=1),
        "section": plan.sections.get(),
        "jiaoyu": UnitFactory(region=quangang, name="教育局"),
        "lin": PersonFactory(region=quangang, name="林建华", kind=Person.Kind.LEADER),
        "elsewhere": UnitFactory(region=licheng, name="区发改局"),
        "wang_fang": member("wangfang", Role.SUPERVISOR, region=quangang),
        "li_ming": member("liming", Role.LIAISON, region=quangang, unit=fagai),
        "chen_jing": member("chenjing", Role.SUPERVISOR, region=licheng),
    }


def _api(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _version(api: APIClient, task: Task) -> str:
    return str(api.get(f"/api/v1/tasks/{task.pk}").json()["version"])


def test_wang_fang_edits_a_task_field_by_field(story: dict[str, Any]) -> None:
    api, task = _api(story["wang_fang"]), story["task"]
    url = f"/api/v1/tasks/{task.pk}"
    body = api.post(f"{url}/text", {"text": "新增城镇就业3000人。", "version": _version(api, task)}).json()
    assert body["text"] == "新增城镇就业3000人。"
    body = api.post(
        f"{url}/units", {"lead_units": [story["jiaoyu"].pk], "co_units": [], "version": body["version"]}
    ).json()
    assert (body["lead_units"], body["co_units"]) == (["教育局"], [])
    body = api.post(f"{url}/leaders", {"leaders": [story["lin"].pk], "version": body["version"]}).json()
    assert body["leaders"] == ["林建华"]
    body = api.post(f"{url}/tags", {"tags": ["reform"], "version": body["version"]}, format="json").json()
    body = api.post(
        f"{url}/due-date", {"due_date": "2027-03-31", "reason": "县政府同意延期", "version": body["version"]}
    ).json()
    assert body["due_date"] == "2027-03-31"
    body = api.post(f"{url}/withdraw", {"version": body["version"]}).json()
    assert body["status"] == "withdrawn"
    task.refresh_from_db()
    assert task.tags == ["reform"]
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="task.").order_by("pk").values_list("verb", flat=True)
    )
    assert verbs == [
        "task.text_edited",
        "task.reassigned",
        "task.leaders_set",
        "task.tagged",
        "task.due_date_adjusted",
        "task.withdrawn",
    ]
    assert AuditEvent.objects.get(verb="task.due_date_adjusted").after["reason"] == "县政府同意延期"


def test_a_stale_version_is_a_409_with_the_current_one_and_nothing_is_overwritten(
    story: dict[str, Any],
) -> None:
    api, task = _api(story["wang_fang"]), story["task"]
    seen = _version(api, task)
    first = api.post(f"/api/v1/tasks/{task.pk}/text", {"text": "第一个人的改动。", "version": seen})
    assert first.status_code == 200
    second = api.post(f"/api/v1/tasks/{task.pk}/text", {"text": "第二个人的改动。", "version": seen})
    assert second.status_code == 409
    assert "其他人已修改了这项任务" in second.json()["detail"]
    assert second.json()["version"] == first.json()["version"]
    task.refresh_from_db()
    assert task.text == "第一个人的改动。"


def test_bad_input_gets_a_message_per_field(story: dict[str, Any]) -> None:
    api, task = _api(story["wang_fang"]), story["task"]
    version = _version(api, task)
    url = f"/api/v1/tasks/{task.pk}"
    answer = api.post(f"{url}/units", {"lead_units": [story["elsewhere"].pk], "version": version})
    assert answer.status_code == 400
    assert "lead_units" in answer.json()
    both = story["jiaoyu"].pk
    answer = api.post(f"{url}/units", {"lead_units": [both], "co_units": [both], "version": version})
    assert answer.json() == {"non_field_errors": ["同一单位不能既牵头又配合：教育局。"]}
    assert api.post(f"{url}/due-date", {"due_date": "2027-03-31", "version": version}).json().keys() == {
        "reason"
    }
    assert "tags" in api.post(f"{url}/tags", {"tags": ["best"], "version": version}, format="json").json()
    assert "version" in api.post(f"{url}/text", {"text": "无版本"}).json()
    assert not AuditEvent.objects.filter(verb__startswith="task.").exists()


def test_sections_plans_and_new_tasks(story: dict[str, Any]) -> None:
    api, plan, section = _api(story["wang_fang"]), story["plan"], story["section"]
    listed = api.get(f"/api/v1/plans/{plan.pk}/sections").json()
    assert [s["title"] for s in listed] == ["一、主要目标"]
    renamed = api.post(
        f"/api/v1/plans/{plan.pk}/sections/{section.pk}/rename",
        {"title": "一、主要预期目标", "version": listed[0]["version"]},
    )
    assert renamed.json()["title"] == "一、主要预期目标"
    stale = api.post(
        f"/api/v1/plans/{plan.pk}/sections/{section.pk}/rename",
        {"title": "晚到的", "version": listed[0]["version"]},
    )
    assert stale.status_code == 409
    added = api.post(
        f"/api/v1/plans/{plan.pk}/sections/{section.pk}/tasks",
        {"text": "建成区级数据中心。", "due_date": "2026-10-31", "lead_units": [story["jiaoyu"].pk]},
    )
    assert added.status_code == 201
    assert (added.json()["seq"], added.json()["section"]) == (3, ["一、主要预期目标"])
    assert api.post(f"/api/v1/plans/{plan.pk}/close").json()["status"] == "closed"
    assert api.post(f"/api/v1/plans/{plan.pk}/reopen").json()["status"] == "active"


@pytest.mark.parametrize(("person", "code"), [("li_ming", 403), ("chen_jing", 404)])
def test_only_the_office_edits(story: dict[str, Any], person: str, code: int) -> None:
    api, task, plan, section = _api(story[person]), story["task"], story["plan"], story["section"]
    version = _api(story["wang_fang"]).get(f"/api/v1/tasks/{task.pk}").json()["version"]
    posts = [
        (f"/api/v1/tasks/{task.pk}/text", {"text": "改", "version": version}),
        (f"/api/v1/tasks/{task.pk}/withdraw", {"version": version}),
        (f"/api/v1/tasks/{task.pk}/due-date", {"due_date": "2027-01-01", "reason": "x", "version": version}),
        (f"/api/v1/plans/{plan.pk}/sections/{section.pk}/tasks", {"text": "新", "due_date": "2026-10-31"}),
        (f"/api/v1/plans/{plan.pk}/sections/{section.pk}/rename", {"title": "改", "version": version}),
        (f"/api/v1/plans/{plan.pk}/close", {}),
    ]
    events = AuditEvent.objects.count()
    for url, data in posts:
        assert api.post(url, data).status_code == code, url
    task.refresh_from_db()
    plan.refresh_from_db()
    assert (task.text, task.status, plan.status) == (
        "第1项：新增城镇就业2700人以上。",
        "active",
        Plan.Status.ACTIVE,
    )
    assert AuditEvent.objects.count() == events


def test_the_schema_describes_the_edits(story: dict[str, Any]) -> None:
    schema = _api(story["wang_fang"]).get("/api/v1/openapi.json", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/tasks/{task_id}/due-date" in schema["paths"]
    assert "409" in schema["paths"]["/api/v1/tasks/{task_id}/text"]["post"]["responses"]
