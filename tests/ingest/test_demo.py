"""`manage.py demo` on an empty database: both seeds as 泉港区 and 鲤城区, and an account for everyone."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from audit.services import verify
from ingest.models import ImportBatch
from orgs.models import Membership, Region, Role, Unit, UnitAlias
from targets.models import Indicator, Plan, Task
from tests.ingest.gold import LICHENG, QUANGANG, gold, gold_indicators

pytestmark = pytest.mark.django_db

SEEDS = {"泉港区": QUANGANG, "鲤城区": LICHENG}


def _demo(*args: str) -> str:
    out = io.StringIO()
    # an as-of date before any report is due keeps these tests fast (the year in motion: tests/supervision)
    call_command("demo", "--password", "demo-pw-2026", "--as-of", "2026-01-31", *args, stdout=out)
    return out.getvalue()


def _snapshot():
    return {
        "regions": Region.objects.count(),
        "tasks": sorted(Task.objects.values_list("id", "seq", "text", "status")),
        "units": Unit.objects.count(),
        "indicators": Indicator.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
    }


def test_demo_imports_both_seeds_as_the_gold_files_say():
    accounts = json.loads(_demo("--json"))
    assert Region.objects.count() == 3  # the two districts under 泉州市 (the city view)
    assert Task.objects.count() == 194
    assert Indicator.objects.count() == 162
    for region_name, stem in SEEDS.items():
        plan = Plan.objects.get(region__name=region_name, year=2026)
        tasks = {t.seq: t for t in Task.objects.filter(plan=plan)}
        expected_indicators = gold_indicators(stem)
        # a unit printed under two names in one table (区委政法委, 区委政法委员会) is one unit and an alias
        also = {
            a.alias: a.unit.name for a in UnitAlias.objects.filter(region=plan.region).select_related("unit")
        }
        for row in gold(stem)["tasks"]:
            task = tasks[row["seq"]]
            where = f"{region_name} {row['seq']}"
            assert {u.name for u in task.lead_units} == {also.get(n, n) for n in row["lead_units"]}, where
            assert {u.name for u in task.co_units} == {also.get(n, n) for n in row["co_units"]}, where
            assert {p.name for p in task.leader_people} == set(row["leaders"]), where
            assert len(task.indicator_items) == len(expected_indicators[row["seq"]]), where

    roles = {a["role"] for a in accounts}
    assert roles == {"admin", "supervisor", "liaison", "unit_leader", "leader", "city"}
    assert all(set(a) == {"username", "role", "region", "unit"} for a in accounts)
    assert {(a["username"], a["region"]) for a in accounts if a["role"] == "supervisor"} == {
        ("qg-sup", "泉港区"),
        ("lc-sup", "鲤城区"),
    }
    units = Unit.objects.exclude(kind=Unit.Kind.GROUP).count()
    assert sum(a["role"] == "liaison" for a in accounts) == units
    assert sum(a["role"] == "unit_leader" for a in accounts) == units
    assert not any(a["unit"] == "各镇（街道）" for a in accounts)  # groups have no accounts
    leaders = {a["username"]: a for a in accounts if a["role"] == "leader"}
    assert len(leaders) == 12
    assert all(a["region"] == "鲤城区" for a in leaders.values())
    User = get_user_model()
    assert {User.objects.get(username=u).first_name for u in leaders} >= {"曾国志", "王伟"}
    assert all(a["username"].isascii() for a in accounts)
    liaison = next(a for a in accounts if a["role"] == "liaison" and a["unit"] == "发改局")
    assert User.objects.get(username=liaison["username"]).first_name == "发改局联络员"
    assert verify() == []


def test_demo_is_safe_to_run_twice():
    first = json.loads(_demo("--json"))
    before = _snapshot()
    second = json.loads(_demo("--json"))
    assert second == first
    assert _snapshot() == before


def test_the_demo_accounts_log_in_and_the_api_returns_the_same_tasks():
    accounts = json.loads(_demo("--json"))
    client = Client()
    token = client.post("/api/v1/auth/token", {"username": "admin", "password": "demo-pw-2026"}).json()[
        "token"
    ]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    plans = client.get("/api/v1/plans", **auth).json()
    assert {p["region_name"]: p["task_count"] for p in plans} == {"泉港区": 110, "鲤城区": 84}
    total_indicators = 0
    for plan in plans:
        stem = SEEDS[plan["region_name"]]
        rows = {t["seq"]: t for t in client.get(f"/api/v1/plans/{plan['id']}/tasks", **auth).json()}
        assert len(rows) == len(gold(stem)["tasks"])
        region = Region.objects.get(name=plan["region_name"])
        also = {a.alias: a.unit.name for a in UnitAlias.objects.filter(region=region).select_related("unit")}
        for row in gold(stem)["tasks"]:
            got = rows[row["seq"]]
            assert set(got["lead_units"]) == {also.get(n, n) for n in row["lead_units"]}
            assert set(got["co_units"]) == {also.get(n, n) for n in row["co_units"]}
            assert set(got["leaders"]) == set(row["leaders"])
            total_indicators += len(got["indicators"])
    assert total_indicators == 162

    liaison = next(a for a in accounts if a["role"] == "liaison" and a["region"] == "鲤城区")
    assert client.login(username=liaison["username"], password="demo-pw-2026")
    assert client.get("/plans/").status_code == 200
    membership = Membership.objects.get(user__username=liaison["username"])
    assert membership.role == Role.LIAISON
    assert membership.unit.name == liaison["unit"]


def test_running_the_demo_again_resets_no_password_and_the_import_page_names_the_table():
    json.loads(_demo("--json"))
    User = get_user_model()
    office = User.objects.get(username="qg-sup")
    office.set_password("my-own-choice-2026")
    office.save()
    out = io.StringIO()
    call_command("demo", "--password", "another-pw-2026", "--as-of", "2026-01-31", "--json", stdout=out)
    assert Client().login(username="qg-sup", password="my-own-choice-2026")
    assert not Client().login(username="qg-sup", password="another-pw-2026")
    client = Client()
    assert client.login(username="qg-sup", password="my-own-choice-2026")
    html = client.get("/import/").content.decode()
    assert "泉港区2026年政府工作报告重点工作责任分解表.txt" in html
    assert "000_c0ca6c59d42007b8" not in html
    batch = ImportBatch.objects.get(region__name="泉港区", status=ImportBatch.Status.CONFIRMED)
    page = client.get(f"/import/{batch.pk}/").content.decode()
    assert "None" not in page
    assert "—" in page  # confirmed by the command line: no person's name
