"""The first API: 王芳 and 李明 fetch plans, tasks and units with a token; 陈静 sees none of 泉港区."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from orgs.models import Role, Unit
from targets.models import Assignment, Task
from tests.factories import PASSWORD, PersonFactory, RegionFactory, UnitFactory, member
from tests.targets.builders import big_plan

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    api = APIClient()
    response = api.post(
        "/api/v1/auth/token", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api


@pytest.fixture
def story():
    quangang, licheng = RegionFactory(name="泉港区"), RegionFactory(name="鲤城区")
    fagai = UnitFactory(region=quangang, name="发改局")
    towns = UnitFactory(region=quangang, name="各镇（街道）", kind=Unit.Kind.GROUP)
    jiaoyu = UnitFactory(region=quangang, name="教育局")
    UnitFactory(region=licheng, name="区发改局")
    plan = big_plan(quangang, 2, lead=fagai, co=towns, leader=PersonFactory(region=quangang, name="曾国志"))
    other = Task.objects.create(
        plan=plan, seq=3, text="推进义务教育优质均衡发展。", due_date=plan.tasks.first().due_date
    )
    Assignment.objects.create(task=other, unit=jiaoyu, role=Assignment.Role.LEAD)
    return {
        "plan": plan,
        "wang_fang": member("wangfang", Role.SUPERVISOR, region=quangang),
        "li_ming": member("liming", Role.LIAISON, region=quangang, unit=fagai),
        "chen_jing": member("chenjing", Role.SUPERVISOR, region=licheng),
    }


def test_a_token_is_needed():
    api = APIClient()
    assert api.get("/api/v1/plans").status_code == 401
    bad = api.post("/api/v1/auth/token", {"username": "nobody", "password": "x"}, format="json")
    assert bad.status_code == 400


def test_wang_fang_reads_the_plan_and_every_task(story):
    api = _client(story["wang_fang"])
    plans = api.get("/api/v1/plans").json()
    assert [(p["region_name"], p["year"], p["task_count"]) for p in plans] == [("泉港区", 2026, 3)]
    tasks = api.get(f"/api/v1/plans/{story['plan'].pk}/tasks").json()
    assert [t["seq"] for t in tasks] == [1, 2, 3]
    first = tasks[0]
    assert first["lead_units"] == ["发改局"]
    assert first["co_units"] == ["各镇（街道）"]
    assert first["leaders"] == ["曾国志"]
    assert first["section"] == ["一、主要目标"]
    assert first["indicators"][0] | {"id": 0} == {
        "id": 0,
        "name": "新增城镇就业",
        "kind": "level",
        "comparator": ">=",
        "value": 2700.0,
        "unit": "人",
        "target_year": 2026,
        "span": "",
    }
    units = {u["name"] for u in api.get("/api/v1/units").json()}
    assert units == {"发改局", "各镇（街道）", "教育局"}


def test_li_ming_reads_only_his_units_tasks(story):
    api = _client(story["li_ming"])
    tasks = api.get(f"/api/v1/plans/{story['plan'].pk}/tasks").json()
    assert [t["seq"] for t in tasks] == [1, 2]
    assert "教育局" not in {u["name"] for u in api.get("/api/v1/units").json()} - {"发改局", "各镇（街道）"}


def test_chen_jing_gets_404_for_another_regions_plan(story):
    api = _client(story["chen_jing"])
    assert api.get("/api/v1/plans").json() == []
    assert api.get(f"/api/v1/plans/{story['plan'].pk}/tasks").status_code == 404
    assert {u["name"] for u in api.get("/api/v1/units").json()} == {"区发改局"}


def test_the_schema_describes_the_endpoints(story):
    api = _client(story["wang_fang"])
    response = api.get("/api/v1/openapi.json", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    for path in ("/api/v1/auth/token", "/api/v1/plans", "/api/v1/plans/{plan_id}/tasks", "/api/v1/units"):
        assert path in schema["paths"], path
    task = schema["components"]["schemas"]["Task"]["properties"]
    assert {"seq", "text", "section", "lead_units", "co_units", "leaders", "indicators"} <= set(task)


# + 12 (supervisor: blue known from the tasks) and 14 (liaison) for the lights: supervision.lights reads each kind of
# row once, and the data version (the cache of lights); the token is two short queries (accounts.tokens)
QUERIES = {"supervisor": 20, "liaison": 22}  # the liaison's unit groups are read once a request (orgs.roles)


@pytest.mark.parametrize("role", ["supervisor", "liaison"])
@pytest.mark.parametrize("n", [10, 1000])
def test_the_task_endpoint_costs_the_same_queries_for_10_and_1000_tasks(django_assert_num_queries, role, n):
    region = RegionFactory(name="泉港区")
    lead, co = UnitFactory(region=region, name="发改局"), UnitFactory(region=region, name="财政局")
    plan = big_plan(region, n, lead=lead, co=co, leader=PersonFactory(region=region))
    if role == "supervisor":
        user = member("wangfang", Role.SUPERVISOR, region=region)
    else:
        user = member("liming", Role.LIAISON, region=region, unit=lead)
    api = _client(user)
    with django_assert_num_queries(QUERIES[role]):
        response = api.get(f"/api/v1/plans/{plan.pk}/tasks")
    assert len(response.json()) == n


@pytest.mark.parametrize("n", [10, 1000])
def test_the_plan_and_unit_endpoints_cost_the_same_queries(django_assert_num_queries, n):
    region = RegionFactory(name="泉港区")
    units = [UnitFactory(region=region, name=f"单位{i}") for i in range(n // 10)]
    big_plan(region, n, lead=units[0], co=units[-1], leader=PersonFactory(region=region))
    api = _client(member("wangfang", Role.SUPERVISOR, region=region))
    with django_assert_num_queries(4):
        api.get("/api/v1/plans")
    with django_assert_num_queries(6):
        api.get("/api/v1/units")


def test_the_openapi_schema_is_json_at_its_json_address(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/plans/{plan_id}/tasks" in schema["paths"]
    assert "/api/v1/me/due" in schema["paths"]
