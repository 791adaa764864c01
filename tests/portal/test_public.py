"""The public page (/public/): the office publishes 泉港区's plan; anyone reads it without logging in — the
tasks, their units and a published status with counts, never a person, a blue hint or a notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from portal.public import ADJUSTED, DONE, LAGGING, NO_REPORT, ON_TRACK, public_status
from progress.models import ProgressReport
from supervision.models import Notice
from targets.models import Plan
from targets.services import publish_plan
from tests.factories import AssignmentFactory, PlanFactory, TaskFactory
from tests.progress.factories import World, add_tasks, file

pytestmark = pytest.mark.django_db


def _published(world: World) -> Plan:
    return publish_plan(plan=world.plan, published=True, by=world.wangfang)


@pytest.mark.parametrize(
    ("color", "done", "adjusted", "status"),
    [("red", False, False, LAGGING), ("amber", False, False, LAGGING), ("green", True, False, DONE),
     ("green", False, False, ON_TRACK), ("blue", False, False, ON_TRACK), ("grey", False, False, NO_REPORT),
     ("grey", False, True, ADJUSTED), ("red", True, False, LAGGING)],
)  # fmt: skip
def test_the_published_status_comes_from_the_light(
    color: str, done: bool, adjusted: bool, status: str
) -> None:
    assert public_status(color, done=done, adjusted=adjusted) == status


def test_anyone_reads_a_published_plan_without_logging_in_and_gets_no_cookie(
    world: World, today: Any
) -> None:
    _published(world)
    PlanFactory(region=world.chenjing.memberships.get().region, year=2026, title="鲤城区未公开的分解表")
    client = Client()
    index = client.get(reverse("portal:public"))
    assert index.status_code == 200
    body = index.content.decode()
    assert world.plan.title in body
    assert "鲤城区未公开的分解表" not in body
    assert "Set-Cookie" not in str(index.serialize_headers())
    assert not index.cookies
    page = client.get(reverse("portal:public_plan", args=[world.plan.pk]))
    assert page.status_code == 200
    assert not page.cookies
    assert "public" in page["Cache-Control"]
    text = page.content.decode()
    assert "地区生产总值增长5.5%左右" in text
    assert "区发改局" in text
    assert "区工信局" in text


def test_the_public_page_names_no_person_and_shows_no_blue_hint_or_notice(world: World, today: Any) -> None:
    """曾国志 leads the task, 李明 files, 王芳 issues a notice: none of them is on the public page."""
    today(dt.date(2026, 4, 20))
    _published(world)
    file(world, world.period("month", 3))
    Notice.objects.create(
        region=world.plan.region, task=world.task, unit=world.fagai, year=2026, level=1, rule="red_at_scan",
        reasons=["连续两期未报送"], proposed_on=dt.date(2026, 4, 10), state=Notice.State.ISSUED, seq_no=1,
        number="泉港督〔2026〕1号", issued_on=dt.date(2026, 4, 10), answer_due=dt.date(2026, 4, 17),
    )  # fmt: skip
    body = Client().get(reverse("portal:public_plan", args=[world.plan.pk])).content.decode()
    for name in ("曾国志", "李明", "王芳", "赵强", "周敏", "liming", "wangfang"):
        assert name not in body, name
    for private in ("泉港督", "督办单", "蓝灯", "light-blue", "连续两期未报送", "约谈", "得分"):
        assert private not in body, private
    assert 'data-status="' in body


def test_the_page_escapes_what_the_tables_say(world: World, today: Any) -> None:
    task = TaskFactory(plan=world.plan, seq=2, text='<script>alert("x")</script>建设智慧城市')
    AssignmentFactory(task=task, unit=world.fagai, role="lead")
    _published(world)
    body = Client().get(reverse("portal:public_plan", args=[world.plan.pk])).content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


def test_counts_per_status(world: World, today: Any) -> None:
    today(dt.date(2026, 4, 20))
    _published(world)
    report = file(world, world.period("month", 3), status="done", percent=100)
    ProgressReport.objects.filter(pk=report.pk).update(filed_at=dt.datetime(2026, 4, 8, 9, tzinfo=dt.UTC))
    add_tasks(world, 2)  # nothing filed: 发改局 owes March → lagging
    body = Client().get(reverse("portal:public_plan", args=[world.plan.pk])).content.decode()
    assert '<strong data-status="done">1</strong>' in body
    assert '<strong data-status="lagging">2</strong>' in body


def test_an_unpublished_plan_is_not_found(world: World) -> None:
    assert Client().get(reverse("portal:public_plan", args=[world.plan.pk])).status_code == 404
    assert "尚未公开任何分解表" in Client().get(reverse("portal:public")).content.decode()


@pytest.mark.parametrize("who", ["liming", "chenjing", "zhoumin", "zengguozhi", "fagai_leader", None])
def test_only_the_office_publishes_a_plan(world: World, who: str | None) -> None:
    actor = getattr(world, who) if who else None
    with pytest.raises(PermissionDenied):
        publish_plan(plan=world.plan, published=True, by=actor)
    world.plan.refresh_from_db()
    assert world.plan.published is False
    assert not AuditEvent.objects.filter(verb="plan.published").exists()


def test_wang_fang_publishes_and_withdraws_with_the_button_and_each_is_audited(
    world: World, today: Any
) -> None:
    office = Client()
    office.force_login(world.wangfang)
    plan_page = office.get(reverse("targets:task_list", args=[world.plan.pk])).content.decode()
    assert "在公开页面发布" in plan_page
    url = reverse("portal:publish", args=[world.plan.pk])
    assert office.post(url, {"published": "1"}).status_code == 302
    assert world.plan.title in Client().get(reverse("portal:public")).content.decode()
    office.post(url, {"published": "0"})
    assert Client().get(reverse("portal:public_plan", args=[world.plan.pk])).status_code == 404
    events = AuditEvent.objects.filter(verb__in=["plan.published", "plan.unpublished"]).order_by("pk")
    assert [(e.verb, e.actor_name, e.after) for e in events] == [
        ("plan.published", "wangfang", {"published": True}),
        ("plan.unpublished", "wangfang", {"published": False}),
    ]
    liaison = Client()
    liaison.force_login(world.liming)
    assert (
        "在公开页面发布"
        not in liaison.get(reverse("targets:task_list", args=[world.plan.pk])).content.decode()
    )
    assert liaison.post(url, {"published": "1"}).status_code == 403


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_is_cached_and_its_queries_do_not_grow_with_tasks(world: World, today: Any) -> None:
    from django.core.cache import cache

    _published(world)
    url = reverse("portal:public_plan", args=[world.plan.pk])
    client = Client()
    add_tasks(world, 9)
    _count(client, url)  # warm the per-process calendar cache
    cache.clear()
    cold_ten = _count(client, url)
    warm = _count(client, url)
    assert warm <= 2 < cold_ten  # cached: the plan, nothing else
    add_tasks(world, 30)
    cache.clear()
    assert _count(client, url) == cold_ten
    assert Client().get(url).content.decode().count('class="pub-row-status"') == 40


def test_the_next_visitor_gets_the_page_already_rendered_in_one_query(world: World, today: Any) -> None:
    _published(world)
    url = reverse("portal:public_plan", args=[world.plan.pk])
    first = Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert again.content == first.content
    assert len(queries) == 1  # the plan (is it still published?); the page itself from the cache
    publish_plan(plan=world.plan, published=False, by=world.wangfang)
    assert Client().get(url).status_code == 404  # withdrawn: at once, whatever is cached
