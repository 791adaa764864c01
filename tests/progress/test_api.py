"""/api/v1: what is due and the reports, over the same services as the pages."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from accounts.tokens import issue
from progress import services
from progress.models import CoInput, ProgressReport
from tests.progress.factories import SUMMARY_120, file

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    _token, raw = issue(user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return api


def test_liming_asks_what_is_due(api, world, today):
    body = as_user(api, world.liming).get("/api/v1/me/due").json()
    assert body["today"] == "2026-04-03"
    first = body["items"][0]
    assert {k: first[k] for k in ("task_id", "period_id", "kind", "due_date", "overdue", "action")} == {
        "task_id": world.task.pk,
        "period_id": world.period("month", 1).pk,
        "kind": "month",
        "due_date": "2026-02-06",
        "overdue": True,
        "action": "file",
    }
    assert [i["overdue"] for i in body["items"]] == [True, True, False]


def test_liming_files_then_updates_a_report(api, world):
    as_user(api, world.liming)
    march = world.period("month", 3)
    payload = {
        "period_id": march.pk,
        "status": "on_track",
        "percent": 25,
        "text": "一季度进展顺利",
        "readings": [{"indicator_id": world.indicator.pk, "value": 5.6, "note": "快报"}],
    }
    response = api.post(f"/api/v1/tasks/{world.task.pk}/reports", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["version"], body["readings"][0]["value"]) == ("filed", 1, 5.6)
    response = api.post(
        f"/api/v1/tasks/{world.task.pk}/reports", {**payload, "percent": 30, "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    detail = api.get(f"/api/v1/reports/{body['id']}").json()
    assert [v["number"] for v in detail["versions"]] == [1, 2]
    assert detail["percent"] == 30


def test_errors_come_back_with_a_message_per_field(api, world):
    as_user(api, world.liming)
    response = api.post(
        f"/api/v1/tasks/{world.task.pk}/reports",
        {"period_id": world.period("month", 3).pk, "status": "fine", "percent": 150, "text": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"status", "percent"}
    response = api.post(
        f"/api/v1/tasks/{world.task.pk}/reports",
        {
            "period_id": world.period("half_year").pk,
            "status": "on_track",
            "percent": 50,
            "text": SUMMARY_120[:99],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "现为99字" in response.json()["text"][0]
    response = api.post(
        f"/api/v1/tasks/{world.task.pk}/reports",
        {"period_id": world.period("month", 3).pk, "status": "done", "percent": 90, "text": "完成"},
        format="json",
    )
    assert response.status_code == 400
    assert "100%" in response.json()["percent"][0]


def test_a_reading_must_be_a_finite_number(api, world):
    as_user(api, world.liming)
    response = api.post(
        f"/api/v1/tasks/{world.task.pk}/reports",
        {
            "period_id": world.period("month", 3).pk,
            "status": "on_track",
            "percent": 20,
            "text": "进展",
            "readings": [{"indicator_id": world.indicator.pk, "value": "NaN"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert any(k.startswith("reading") for k in response.json())


def test_wangfang_returns_and_accepts_through_the_api(api, world):
    report = file(world, world.period("month", 3))
    as_user(api, world.wangfang)
    response = api.post(f"/api/v1/reports/{report.pk}/return", {"comment": ""}, format="json")
    assert response.status_code == 400
    assert "comment" in response.json()
    response = api.post(
        f"/api/v1/reports/{report.pk}/return", {"comment": "请补充", "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == "returned"
    response = api.post(f"/api/v1/reports/{report.pk}/accept", {}, format="json")
    assert response.status_code == 409
    assert "已退回" in response.json()["detail"]
    file(world, world.period("month", 3), version=2)
    response = api.post(f"/api/v1/reports/{report.pk}/accept", {"version": 3}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "accepted"
    assert ProgressReport.objects.get().state == "accepted"


def test_the_report_shows_co_unit_input(api, world):
    report = file(world, world.period("month", 3))
    services.add_co_input(
        task=world.task, period=report.period, unit=world.gongxin, by=world.zhaoqiang, text="工信局配合完成"
    )
    body = as_user(api, world.zhaoqiang).get(f"/api/v1/reports/{report.pk}").json()
    assert body["co_inputs"][0]["unit_name"] == "区工信局"


def test_the_schema_documents_the_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").content.decode()
    for p in (
        "/api/v1/me/due",
        "/api/v1/tasks/{task_id}/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/reports/{report_id}/accept",
        "/api/v1/reports/{report_id}/return",
        "/api/v1/reports/{report_id}/sign-off",
        "/api/v1/tasks/{task_id}/co-input",
        "/api/v1/tasks/{task_id}/no-change",
    ):
        assert p in schema


def test_a_date_due_today_is_not_yet_overdue(api, world, today):
    today(dt.date(2026, 4, 8))
    items = as_user(api, world.liming).get("/api/v1/me/due").json()["items"]
    march = next(i for i in items if i["period_id"] == world.period("month", 3).pk)
    assert march["due_date"] == "2026-04-08"
    assert march["overdue"] is False


def test_the_fagai_leader_signs_off_through_the_api(api, world):
    world.fagai.requires_signoff = True
    world.fagai.save()
    report = file(world, world.period("month", 3))
    assert report.state == "pending_signoff"
    as_user(api, world.fagai_leader)
    url = f"/api/v1/reports/{report.pk}/sign-off"
    response = api.post(url, {}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    file(world, world.period("month", 3), text="李明又改了一稿", version=1)
    response = api.post(url, {"version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 2
    assert response.json()["current"]["text"] == "李明又改了一稿"
    response = api.post(url, {"version": 2}, format="json")
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["version"]) == ("filed", 3)
    response = api.post(url, {"version": 3}, format="json")
    assert response.status_code == 409
    assert "待督查室审核" in response.json()["detail"]
    report.refresh_from_db()
    assert report.signed_off_by == world.fagai_leader


def test_zhaoqiang_adds_the_co_units_part_through_the_api(api, world, today):
    as_user(api, world.zhaoqiang)
    march = world.period("month", 3)
    url = f"/api/v1/tasks/{world.task.pk}/co-input"
    response = api.post(url, {"period_id": march.pk, "text": "  "}, format="json")
    assert response.status_code == 400
    assert "写明" in response.json()["text"][0]
    response = api.post(url, {"period_id": march.pk, "text": "工信局已完成企业走访"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["unit_name"], body["text"], body["period_id"]) == (
        "区工信局",
        "工信局已完成企业走访",
        march.pk,
    )
    assert CoInput.objects.get().by == world.zhaoqiang
    services.close_period_review(period=march, by=world.wangfang)
    response = api.post(url, {"period_id": march.pk, "text": "补充"}, format="json")
    assert response.status_code == 409
    assert "本期审核已结束" in response.json()["detail"]
    other_plan_period = 10**6
    response = api.post(url, {"period_id": other_plan_period, "text": "补充"}, format="json")
    assert response.status_code == 404


def test_liming_confirms_no_change_through_the_api(api, world, today):
    today(dt.date(2026, 5, 6))
    as_user(api, world.liming)
    url = f"/api/v1/tasks/{world.task.pk}/no-change"
    response = api.post(url, {"period_id": world.period("month", 3).pk}, format="json")
    assert response.status_code == 400
    assert "没有可确认的" in response.json()["non_field_errors"][0]
    march = file(world, world.period("month", 3))
    response = api.post(url, {"period_id": world.period("half_year").pk}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    april = world.period("month", 4)
    response = api.post(url, {"period_id": april.pk}, format="json")
    assert response.status_code == 400  # March is not accepted yet
    services.accept_report(report=march, by=world.wangfang)
    response = api.post(url, {"period_id": april.pk}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["no_change"], body["text"], body["version"]) == (True, march.text, 1)
    response = api.post(url, {"period_id": april.pk}, format="json")
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 1
    response = api.post(url, {"period_id": april.pk, "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 2
