"""我的待办 kept in the shared cache (progress.due): a filing elsewhere leaves a unit's list as it was, checked in
a few queries; its own filing, an accepted report on its task, a structural change or a write outside a
service rebuild it. Real commits (transaction=True): the check depends on what a committed transaction did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.services import data_version_parts
from progress import due, services
from progress.due import _lines as worked_out
from progress.due import _structure, due_for, due_rendered
from targets.models import Task
from tests.factories import AssignmentFactory, TaskFactory
from tests.progress.factories import MONTHLY_TEXT, World, file

pytestmark = pytest.mark.django_db(transaction=True)

APRIL_3 = dt.date(2026, 4, 3)  # the `today` fixture's day


def _lines(rows: list[Any]) -> list[tuple[int, int, str]]:
    return [(r.item.task_id, r.item.period_id, r.item.action) for r in rows]


def _fresh(user: Any, day: Any) -> list[tuple[int, int, str]]:
    return _lines(worked_out(_structure(user), day))


@contextmanager
def another_worker() -> Iterator[None]:
    """What follows runs as in another gunicorn worker: the shared cache is the same, this process's own copies
    (caches["local"]) are not."""
    mine = caches[due.LOCAL]
    caches[due.LOCAL] = LocMemCache("another-worker", {})
    try:
        yield
    finally:
        caches[due.LOCAL] = mine


def _shared_newest(user: Any) -> int:
    entry: Any = caches["shared"].get(f"{due._prefix()}:{APRIL_3.isoformat()}:{user.pk}")
    return int(entry.newest)


@pytest.fixture
def school_task(world: World) -> Task:
    """Task 9, led by 教育局 alone: nothing to do with 发改局 (李明)."""
    task: Any = TaskFactory(plan=world.plan, seq=9, text="新建中小学校两所，新增学位二千个。")
    AssignmentFactory(task=task, unit=world.jiaoyu, role="lead")
    return task


def test_another_units_filing_leaves_limings_list_as_it_was(world, school_task, today):
    march = world.period("month", 3)
    first = due_for(world.liming, today=APRIL_3)
    _jiaoyu_files(world, school_task, march)
    with CaptureQueriesContext(connection) as queries:
        again = due_for(world.liming, today=APRIL_3)
    assert _lines(again) == _lines(first) == _fresh(world.liming, APRIL_3)
    # the version, the events since, the report they name: not the eight queries of a rebuild
    assert len(queries) == 3


def test_li_mings_own_filing_rebuilds_his_list(world, today):
    march = world.period("month", 3)
    before = _lines(due_for(world.liming, today=APRIL_3))
    assert (world.task.pk, march.pk, "file") in before
    file(world, march)
    after = _lines(due_for(world.liming, today=APRIL_3))
    assert (world.task.pk, march.pk, "file") not in after
    assert after == _fresh(world.liming, APRIL_3)


def test_after_his_own_filing_only_the_reports_are_read_again(world, today):
    """The structure (roles, groups, tasks, periods) is kept: the version, the events since, the report they
    name, then his units' reports, their co-unit inputs and the units on the lines."""
    march = world.period("month", 3)
    due_for(world.liming, today=APRIL_3)
    file(world, march)
    with CaptureQueriesContext(connection) as queries:
        after = due_for(world.liming, today=APRIL_3)
    assert _lines(after) == _fresh(world.liming, APRIL_3)
    assert len(queries) == 6  # a rebuild reads roles, groups, assignments and periods too: 10


def test_an_accepted_lead_report_ends_zhao_qiangs_co_unit_item(world, today):
    march = world.period("month", 3)
    report = file(world, march)
    before = _lines(due_for(world.zhaoqiang, today=APRIL_3))
    services.accept_report(report=report, by=world.wangfang, version=report.version, comment="")
    after = _lines(due_for(world.zhaoqiang, today=APRIL_3))
    assert after == _fresh(world.zhaoqiang, APRIL_3)
    assert before != after


def test_a_new_task_for_his_unit_shows_at_once(world, today):
    """A write outside a service (here a factory, as a shell or the demo would) rebuilds every list."""
    due_for(world.liming, today=APRIL_3)
    task: Any = TaskFactory(plan=world.plan, seq=7, text="建成区级数据中心。")
    AssignmentFactory(task=task, unit=world.fagai, role="lead")
    assert task.pk in {t for t, _p, _a in _lines(due_for(world.liming, today=APRIL_3))}


def test_the_api_json_is_kept_with_the_list_and_follows_it(client, world, today):
    client.force_login(world.liming)
    first = client.get("/api/v1/me/due", HTTP_ACCEPT="application/json")
    assert first["Content-Type"] == "application/json"
    again = client.get("/api/v1/me/due")
    assert again.content == first.content
    file(world, world.period("month", 3))
    after = client.get("/api/v1/me/due").json()
    assert after["items"] != first.json()["items"]
    calls: list[int] = []
    body = due_rendered(
        world.liming, today=APRIL_3, name="api-json", render=lambda rows: calls.append(1) or b""
    )
    assert body == client.get("/api/v1/me/due").content
    assert not calls  # served from the cache


def test_the_browsable_api_still_answers_a_browser(client, world, today):
    client.force_login(world.liming)
    page = client.get("/api/v1/me/due", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")


def test_an_unreadable_cache_entry_is_worked_out_again(world, today, monkeypatch):
    """A file cut short by a full disk, or written by another version of the code, is no reason to fail."""
    from django.core.cache import caches

    expected = _fresh(world.liming, APRIL_3)
    due_for(world.liming, today=APRIL_3)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise EOFError("Ran out of input")

    monkeypatch.setattr(caches["shared"], "get", broken)
    with another_worker():  # this worker's own copy would be used without reading the shared one
        assert _lines(due_for(world.liming, today=APRIL_3)) == expected


def test_a_worker_takes_the_list_another_worker_brought_further(world, today):
    """Worker A made Li Ming's list; he files and his next page comes from worker B, which reads it again; his
    page after that comes from A again: A's copy is behind, the shared one holds for the version as it is."""
    march = world.period("month", 3)
    due_for(world.liming, today=APRIL_3)
    with another_worker():
        file(world, march)
        from_b = _lines(due_for(world.liming, today=APRIL_3))
    with CaptureQueriesContext(connection) as queries:
        from_a = _lines(due_for(world.liming, today=APRIL_3))
    assert from_a == from_b == _fresh(world.liming, APRIL_3)
    assert (world.task.pk, march.pk, "file") not in from_a
    assert len(queries) == 1  # the version: nothing checked or read again


def test_a_list_kept_after_other_units_filings_is_shared_again_only_now_and_then(
    world, school_task, today, monkeypatch
):
    """Each filing elsewhere moves the version; the worker that checks Li Ming's list keeps it in its own copy
    and writes it back to the shared cache once it is SHARE_AFTER events past the shared one."""
    monkeypatch.setattr(due, "SHARE_AFTER", 2)
    march = world.period("month", 3)
    due_for(world.liming, today=APRIL_3)
    made = _shared_newest(world.liming)
    _jiaoyu_files(world, school_task, march)
    assert data_version_parts()[0] == made + 1
    due_for(world.liming, today=APRIL_3)
    assert _shared_newest(world.liming) == made  # kept in this worker only
    with another_worker():  # another worker checks it from the shared copy, and gets the same lines
        assert _lines(due_for(world.liming, today=APRIL_3)) == _fresh(world.liming, APRIL_3)
    _jiaoyu_files(world, school_task, march, version=1, text="新学校主体结构封顶，" + MONTHLY_TEXT[:100])
    due_for(world.liming, today=APRIL_3)
    assert _shared_newest(world.liming) == data_version_parts()[0] == made + 2  # two events on: written back


def _jiaoyu_files(world: World, task: Task, period: Any, text: str = MONTHLY_TEXT, **kw: Any) -> None:
    file(world, period, task=task, unit=world.jiaoyu, by=world.jiaoyu_liaison, percent=30, text=text, **kw)
