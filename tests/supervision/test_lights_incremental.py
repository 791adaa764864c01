"""After a filing, the cached lights work out again only the task it is on (supervision.lights.cached_compute
with progress.changes); any other kind of event works them all out. Real commits (transaction=True): what a
committed transaction recorded decides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from progress import services
from supervision import lights
from targets.models import Task
from tests.progress.factories import add_tasks, file

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2026, 4, 20)


def _tasks(world: Any) -> list[Task]:
    return list(Task.objects.filter(plan=world.plan).select_related("plan__region").order_by("pk"))


def _view(found: dict[int, Any]) -> dict[int, Any]:
    return {pk: (light.color, light.reasons) for pk, light in found.items()}


def test_li_mings_filing_works_out_his_task_again_and_keeps_the_rest(spy_compute, world, monkeypatch):
    add_tasks(world, 5)
    tasks = _tasks(world)
    seen = spy_compute()
    lights.cached_compute(tasks, today=DAY)
    file(world, world.period("month", 3))
    after = lights.cached_compute(tasks, today=DAY)
    assert seen == [[t.pk for t in tasks], [world.task.pk]]
    monkeypatch.undo()
    assert _view(after) == _view(lights.compute(tasks, today=DAY))


def test_an_accepted_report_is_a_reporting_change_too(spy_compute, world, monkeypatch):
    report = file(world, world.period("month", 3))
    tasks = _tasks(world)
    seen = spy_compute()
    lights.cached_compute(tasks, today=DAY)
    services.accept_report(report=report, by=world.wangfang, version=report.version, comment="")
    after = lights.cached_compute(tasks, today=DAY)
    assert seen[-1] == [world.task.pk]
    monkeypatch.undo()
    assert _view(after) == _view(lights.compute(tasks, today=DAY))


def test_a_due_date_moved_outside_a_service_works_them_all_out(spy_compute, world, monkeypatch):
    tasks = _tasks(world)
    seen = spy_compute()
    lights.cached_compute(tasks, today=DAY)
    Task.objects.filter(pk=world.task.pk).update(due_date=dt.date(2026, 4, 8))
    world.task.save()  # a save outside a service (the shell, the demo): counted, so nothing is kept
    lights.cached_compute(_tasks(world), today=DAY)
    assert seen == [[t.pk for t in tasks], [t.pk for t in tasks]]
