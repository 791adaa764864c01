"""/api/v1: what is due and the reports, over the same services as the pages."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from progress.models import ProgressReport
from tests.progress.factories import SUMMARY_120, file

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    token = Token.objects.create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
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
    assert response.status_code == 200 and response.json()["version"] == 2
    detail = api.get(f"/api/v1/reports/{body['id']}").json()
    assert [v["number"] for v in detail["versions"]] == [1, 2] and detail["percent"] == 30


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
    assert response.status_code == 400 and "100%" in response.json()["percent"][0]


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
    assert response.status_code == 400 and "comment" in response.json()
    response = api.post(
        f"/api/v1/reports/{report.pk}/return", {"comment": "请补充", "version": 1}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "returned"
    response = api.post(f"/api/v1/reports/{report.pk}/accept", {}, format="json")
    assert response.status_code == 409 and "已退回" in response.json()["detail"]
    file(world, world.period("month", 3), version=2)
    response = api.post(f"/api/v1/reports/{report.pk}/accept", {"version": 3}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "accepted"
    assert ProgressReport.objects.get().state == "accepted"


def test_the_report_shows_co_unit_input(api, world):
    from progress import services

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
    ):
        assert p in schema


def test_a_date_due_today_is_not_yet_overdue(api, world, today):
    today(dt.date(2026, 4, 8))
    items = as_user(api, world.liming).get("/api/v1/me/due").json()["items"]
    march = next(i for i in items if i["period_id"] == world.period("month", 3).pk)
    assert march["due_date"] == "2026-04-08" and march["overdue"] is False
