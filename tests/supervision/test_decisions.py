"""The office decides through the API: issue and dismiss drafts, return answers; a light set by hand with
its reason; an adjustment turns the task grey; the extension's two approvals move the light."""

import datetime as dt
from http import HTTPStatus

import pytest

from supervision.models import Extension, Notice
from tests.supervision.test_api import client

pytestmark = pytest.mark.django_db
D = dt.date


def draft(world, level=1):
    return Notice.objects.create(
        region=world.plan.region,
        task=world.task,
        unit=world.fagai,
        year=2026,
        level=level,
        rule="red_at_scan",
        reasons=["x"],
        proposed_on=D(2026, 9, 15),
    )


def test_only_the_office_decides_and_l3_needs_a_reason(world, today):
    today(D(2026, 9, 15))
    l3 = draft(world, level=3)
    url = f"/api/v1/notices/{l3.pk}/decide"
    assert (
        client(world.liming).post(url, {"decision": "issue"}, format="json").status_code
        == HTTPStatus.NOT_FOUND
    )
    refused = client(world.wangfang).post(url, {"decision": "issue"}, format="json")
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert "reason" in refused.json()
    done = client(world.wangfang).post(
        url, {"decision": "issue", "reason": "约谈后两次红灯，经研究启动问责"}, format="json"
    )
    assert done.json()["number"] == "泉港督〔2026〕1号"


def test_a_light_set_by_hand_shows_its_reason_and_an_adjusted_task_is_grey(world, today):
    today(D(2026, 9, 15))
    url = f"/api/v1/tasks/{world.task.pk}/supervision"
    assert client(world.liming).post(url, {"color": "green", "reason": "x"}, format="json").status_code == (
        HTTPStatus.FORBIDDEN
    )
    assert client(world.wangfang).post(url, {"color": "green", "reason": ""}, format="json").status_code == (
        HTTPStatus.BAD_REQUEST
    )
    client(world.wangfang).post(
        url, {"color": "green", "reason": "统计数据口径调整，实际进度符合序时"}, format="json"
    )
    body = client(world.zhoumin).get(f"/api/v1/tasks/{world.task.pk}").json()
    assert body["light"] == "green"
    assert body["light_reasons"][0].startswith("人工认定为绿灯：统计数据口径调整")
    client(world.wangfang).post(url, {"tags": ["key_indicator"]}, format="json")
    world.task.refresh_from_db()
    assert world.task.tags == ["key_indicator"]
    client(world.wangfang).post(url, {"color": "amber", "reason": "撤销人工认定"}, format="json")
    client(world.wangfang).post(url, {"reason": "区政府第12次常务会议决定取消"}, format="json")
    # the override still wins over the computed light, adjusted or not; without it the task is grey
    from supervision.models import LightOverride

    LightOverride.objects.update(active=False)
    assert client(world.zhoumin).get(f"/api/v1/tasks/{world.task.pk}").json()["light"] == "grey"


def test_an_extension_needs_the_unit_leader_then_the_office(world, today):
    today(D(2026, 12, 24))
    client(world.liming).post(
        f"/api/v1/tasks/{world.task.pk}/extensions",
        {"new_date": "2027-03-31", "reason": "征迁未完成", "progress": "完成80%"},
        format="json",
    )
    ext = Extension.objects.get()
    url = f"/api/v1/extensions/{ext.pk}/decide"
    assert client(world.wangfang).post(url, {}, format="json").status_code == HTTPStatus.FORBIDDEN
    assert client(world.fagai_leader).post(url, {}, format="json").json()["state"] == "pending_decision"
    assert client(world.fagai_leader).post(url, {}, format="json").status_code == HTTPStatus.FORBIDDEN
    assert (
        client(world.wangfang).post(url, {"decision": "approve"}, format="json").json()["state"] == "approved"
    )
    today(D(2027, 1, 5))
    reasons = client(world.wangfang).get(f"/api/v1/tasks/{world.task.pk}").json()["light_reasons"]
    assert "已批准延期至2027年03月31日" in reasons
    assert not any("已超过完成时限" in r for r in reasons)
