"""王芳's review queue a page at a time: oldest first, narrowed by unit or period, counted in one query."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress import services
from progress.views.review import REVIEW_PAGE
from tests.factories import AssignmentFactory, TaskFactory
from tests.progress.factories import add_tasks

pytestmark = pytest.mark.django_db
ROW = re.compile(r'data-report="(\d+)"')


def _file_many(world, n: int, month: int) -> list[int]:
    return [
        services.file_report(
            task=task,
            unit=world.fagai,
            period=world.period("month", month),
            by=world.liming,
            status="on_track",
            percent=10,
            text="进展顺利",
        ).pk
        for task in add_tasks(world, n)
    ]


def _shown(client, query: str = "") -> tuple[list[int], str]:
    html = client.get(f"/review/{query}").content.decode()
    return [int(pk) for pk in ROW.findall(html)], html


def test_wangfang_reads_the_oldest_reports_first_a_page_at_a_time(client, world, today):
    february = _file_many(world, 20, 2)
    january = _file_many(world, REVIEW_PAGE, 1)
    client.force_login(world.wangfang)
    first, html = _shown(client)
    assert first == january  # January's reports were due first, whenever they were filed
    assert f"{len(january) + len(february)}份报告待审核" in html
    assert 'rel="next"' in html
    assert 'rel="prev"' not in html
    second, html = _shown(client, "?page=2")
    assert second == february
    assert 'rel="prev"' in html
    assert _shown(client, "?page=99")[0] == february  # past the end: the last page
    assert _shown(client, "?page=x")[0] == january  # nonsense: the first page


def test_wangfang_narrows_the_queue_to_one_unit_or_one_period(client, world, today):
    fagai_march = _file_many(world, 2, 3)
    fagai_january = _file_many(world, 1, 1)
    task = TaskFactory(plan=world.plan)
    AssignmentFactory(task=task, unit=world.gongxin, role="lead")
    gongxin = services.file_report(
        task=task,
        unit=world.gongxin,
        period=world.period("month", 1),
        by=world.zhaoqiang,
        status="on_track",
        percent=10,
        text="进展顺利",
    ).pk
    client.force_login(world.wangfang)
    shown, html = _shown(client)
    assert sorted(shown) == sorted([*fagai_march, *fagai_january, gongxin])
    assert f'<option value="{world.gongxin.pk}">区工信局 (1)</option>' in html
    assert f'<option value="{world.fagai.pk}">区发改局 (3)</option>' in html
    january = world.period("month", 1).pk
    assert f'<option value="{january}">' in html
    assert _shown(client, f"?unit={world.gongxin.pk}")[0] == [gongxin]
    assert sorted(_shown(client, f"?period={january}")[0]) == sorted([*fagai_january, gongxin])
    shown, html = _shown(client, f"?unit={world.fagai.pk}&period={january}")
    assert shown == fagai_january
    assert "第1–1份，共1份" in html


def test_the_queue_costs_the_same_queries_for_ten_and_a_hundred_reports(client, world, today):
    client.force_login(world.wangfang)
    _file_many(world, 10, 1)
    _shown(client)
    with CaptureQueriesContext(connection) as ten:
        _shown(client)
    _file_many(world, 90, 2)
    with CaptureQueriesContext(connection) as hundred:
        shown, _ = _shown(client)
    assert len(shown) == REVIEW_PAGE
    assert len(hundred.captured_queries) == len(ten.captured_queries)


def test_a_filter_that_leaves_nothing_says_so(client, world, today):
    _file_many(world, 1, 1)
    client.force_login(world.wangfang)
    shown, html = _shown(client, f"?unit={world.jiaoyu.pk}")
    assert shown == []
    assert "没有符合筛选条件的待审核报告" in html
