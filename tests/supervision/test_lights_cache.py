"""The lights are kept in the cache under the data version (issue #15): 李明 files, 王芳 accepts or returns,
and the light changes at once; a unit never gets the blue the office's request left in the cache; the next
day is worked out afresh; a cached light costs one query."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.services import data_version, record
from progress import services
from supervision import lights
from supervision.lights import lights_for_tasks
from targets.models import Task
from tests.progress.factories import add_tasks, file

pytestmark = pytest.mark.django_db
D = dt.date


def _tasks(world):
    return list(Task.objects.filter(plan=world.plan).select_related("plan__region").order_by("pk"))


def _seen(world, viewer, day):
    """What the viewer is shown for 李明's task, checked against lights worked out without the cache."""
    tasks = _tasks(world)
    shown = lights_for_tasks(tasks, today=day, viewer=viewer)[world.task.pk]
    fresh = lights.compute(tasks, today=day)[world.task.pk]
    assert (shown.color, shown.reasons) == (fresh.color, fresh.reasons) or fresh.color == "blue"
    return shown.color, shown.reasons


def _filing_on(monkeypatch, day):
    """Reports filed now are stamped at 9:30 on `day` (the lights count only what was filed by the day)."""
    at = dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at)


def test_a_light_follows_each_report_filed_accepted_and_returned(world, monkeypatch):
    day = D(2026, 4, 20)
    _filing_on(monkeypatch, D(2026, 4, 1))
    before = _seen(world, world.wangfang, day)
    first = file(world, world.period("month", 1), percent=10)
    second = file(world, world.period("month", 2), percent=20)
    filed = _seen(world, world.wangfang, day)
    assert filed != before  # two months reported: no longer "not reported"
    services.accept_report(report=first, by=world.wangfang)
    assert _seen(world, world.wangfang, day) == _seen(world, world.wangfang, day)
    services.return_report(report=second, by=world.wangfang, comment="数据不全，请补充。")
    returned = _seen(world, world.wangfang, day)
    assert returned != filed  # the returned month counts as not reported again, at once


def test_the_office_s_blue_is_never_served_to_an_observer_from_the_cache(world, monkeypatch):
    _filing_on(monkeypatch, D(2026, 4, 2))
    world.task.due_date = D(2026, 4, 8)
    world.task.save()
    for month in (1, 2, 3):
        file(world, world.period("month", month), percent=30 * month)
    day = D(2026, 4, 3)
    tasks = _tasks(world)
    assert lights_for_tasks(tasks, today=day, viewer=world.wangfang)[world.task.pk].color == "blue"
    assert lights_for_tasks(tasks, today=day, viewer=world.liming)[world.task.pk].color == "blue"
    assert lights_for_tasks(tasks, today=day, viewer=world.zhoumin)[world.task.pk].color == "green"
    assert lights_for_tasks(tasks, today=day, viewer=world.zengguozhi)[world.task.pk].color == "green"
    assert lights_for_tasks(tasks, today=day, viewer=None)[world.task.pk].color == "green"


def test_the_next_day_is_worked_out_afresh(world):
    january = _seen(world, world.wangfang, D(2026, 1, 20))
    april = _seen(world, world.wangfang, D(2026, 4, 20))
    assert january != april  # by April three months went unreported


def test_a_cached_light_costs_one_query_for_10_and_for_40_tasks(world, django_assert_num_queries):
    add_tasks(world, 9)
    day = D(2026, 4, 20)
    lights_for_tasks(_tasks(world), today=day, viewer=world.wangfang)
    tasks = _tasks(world)
    with django_assert_num_queries(1):  # the data version
        ten = lights_for_tasks(tasks, today=day, viewer=world.wangfang)
    add_tasks(world, 30)
    lights_for_tasks(_tasks(world), today=day, viewer=world.wangfang)
    tasks = _tasks(world)
    with django_assert_num_queries(1):
        forty = lights_for_tasks(tasks, today=day, viewer=world.wangfang)
    assert (len(ten), len(forty)) == (10, 40)


def test_the_data_version_moves_with_every_audited_write_and_every_saved_row(world):
    first = data_version()
    record(actor=world.wangfang, verb="test.touch", object_type="test", object_id="1")
    second = data_version()
    assert second != first
    world.task.save()  # a row saved outside a service (a shell, the demo)
    assert data_version() != second
    assert data_version() == data_version()  # reading does not move it


def test_logging_in_and_a_session_saved_do_not_move_the_data_version(world, client):
    before = data_version()
    client.force_login(world.wangfang)  # her last_login and a session row saved
    assert data_version() == before
    session = client.session
    session["seen"] = 1  # what the session limits write every minute
    session.save()
    assert data_version() == before
    world.task.save()
    assert data_version() != before
