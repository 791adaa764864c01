"""The 台账 and a drafted bulletin cost the same queries for 3 tasks and for 13."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exports.drafting import draft_content
from exports.ledger import export_ledger
from progress import services
from tests.progress.factories import add_tasks

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 20)


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_ledger_and_the_bulletin_do_not_grow_with_the_plan(quarter):
    world = quarter.world
    ledger = queries(lambda: export_ledger(world.plan, today=TODAY))
    bulletin = queries(lambda: draft_content("bulletin", world.plan, today=TODAY))
    for task in add_tasks(world, 10):
        services.file_report(
            task=task,
            unit=world.fagai,
            period=world.period("month", 9),
            by=world.liming,
            status="on_track",
            percent=70,
            text="按计划推进。",
        )
    assert queries(lambda: export_ledger(world.plan, today=TODAY)) == ledger
    assert queries(lambda: draft_content("bulletin", world.plan, today=TODAY)) == bulletin
