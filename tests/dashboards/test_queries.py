"""Every dashboard page answers in a pinned number of queries that does not grow with the number of tasks
(10 tasks and 40 tasks: the same count), and no GET writes a row."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboards import services
from progress import services as progress_services
from supervision.scan import scan_region
from targets.models import Task
from tests.dashboards.story import login
from tests.factories import TaskLeaderFactory
from tests.progress.factories import MONTHLY_TEXT, add_tasks
from tests.writepath.dbstate import changed_tables, table_digests

pytestmark = pytest.mark.django_db
D = dt.date

# (lights computed, lights from the cache): a computed light costs its rows; a cached one the data version
PINNED = {
    "/overview/": (35, 23),  # session, user, roles; lights (≈15 + version); groups; trend 2; …
    "/overview/?print=1": (35, 23),
    "/overview/burden/": (10, 10),
    "/cockpit/": (27, 15),  # session, user, roles, people; tasks 2; lights (≈12 + version); leads; scans 2; …
    "/feedback/": (4, 4),
}


def _grow(world, n):
    for task in add_tasks(world, n):
        TaskLeaderFactory(task=task, person=world.task.task_leaders.get().person)
        Task.objects.filter(pk=task.pk).update(section_path=["一、稳增长"], tags=["key_project"])
        progress_services.file_report(
            task=task, unit=world.fagai, period=world.period("month", 2), by=world.liming,
            status="on_track", percent=20, text=MONTHLY_TEXT,
        )  # fmt: skip
    scan_region(world.plan.region, today=D(2026, 3, 27))


def _counts(world):
    readers = {url: world.zengguozhi if url == "/cockpit/" else world.wangfang for url in PINNED}
    out = {}
    for url, user in readers.items():
        client = login(user)
        client.get(url)  # warm: the session and the per-process caches (holiday calendars)
        cache.clear()  # the lights computed…
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == HTTPStatus.OK
        with CaptureQueriesContext(connection) as warm:  # … and read back from the cache
            assert client.get(url).status_code == HTTPStatus.OK
        out[url] = (len(cold), len(warm))
    return out


def test_the_query_count_does_not_grow_with_the_tasks(world, today):
    today(D(2026, 4, 3))
    services.submit_feedback(
        unit=world.fagai, by=world.liming, kind="suggestion", subject="合并报表", text="请合并。"
    )
    _grow(world, 9)
    small = _counts(world)
    _grow(world, 30)
    assert Task.objects.count() == 40
    big = _counts(world)
    assert big == small
    assert big == PINNED


def test_no_dashboard_page_writes_a_row_for_anyone(world, today):
    today(D(2026, 4, 3))
    fb = services.submit_feedback(
        unit=world.fagai, by=world.liming, kind="complaint", subject="重复填报", text="请合并。"
    )
    person = world.task.task_leaders.get().person
    urls = [
        "/", "/overview/", "/overview/?print=1", "/overview/burden/", "/overview/burden/?print=1", "/cockpit/",
        f"/cockpit/{person.pk}/", "/feedback/", f"/feedback/{fb.pk}/", "/overview/remind/",
        f"/feedback/{fb.pk}/answer/",
    ]  # fmt: skip
    people = [world.wangfang, world.zhoumin, world.zengguozhi, world.liming, world.chenjing, world.zhaoqiang]
    clients = [login(u) for u in people]
    before = table_digests()
    for client in clients:
        for url in urls:
            client.get(url)
    assert changed_tables(before, table_digests()) == []
