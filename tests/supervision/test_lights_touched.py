"""After a write on one task — a notice, a milestone, an extension, a light set by hand, the task itself — the
cached lights work out again only that task's light (supervision.lights.cached_compute with
progress.changes.tasks_touched); a write that may move every light (a period, the calendar) works them all out.
Real commits (transaction=True): what a committed transaction recorded decides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from audit.services import data_version_parts, record
from progress import services as progress
from progress.changes import tasks_touched
from supervision import lights
from supervision import services as supervision
from targets import services as targets
from targets.models import Milestone, Task
from tests.progress.factories import add_tasks, file

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2026, 4, 20)


def _tasks() -> list[Task]:
    return list(Task.objects.select_related("plan__region").order_by("pk"))


def _view(found: dict[int, Any]) -> dict[int, Any]:
    return {pk: (light.color, light.reasons, light.units) for pk, light in found.items()}


def _fresh(monkeypatch: Any, tasks: list[Task]) -> dict[int, Any]:
    monkeypatch.undo()
    return _view(lights.compute(tasks, today=DAY))


def test_wang_fangs_notice_on_the_third_task_works_out_that_task_alone(
    spy_compute, world, monkeypatch, django_assert_num_queries
):
    third = add_tasks(world, 5)[1]
    lights.cached_compute(_tasks(), today=DAY)
    notice = supervision.propose_step(
        task=third, unit_id=world.fagai.pk, level=1, by=world.wangfang, reason="三月未报进展", today=DAY
    )
    supervision.issue_notice(notice=notice, by=world.wangfang, today=DAY)
    tasks = _tasks()
    seen = spy_compute()
    # the version, the events since, the notices they name, then one task's light (11: no ladder round yet)
    with django_assert_num_queries(14):
        after = lights.cached_compute(tasks, today=DAY)
    assert seen == [[third.pk]]
    assert _view(after) == _fresh(monkeypatch, tasks)


def test_a_milestone_missed_and_an_extension_approved_move_their_two_tasks(spy_compute, world, monkeypatch):
    second, third = add_tasks(world, 3)[:2]
    before = lights.cached_compute(_tasks(), today=DAY)
    targets.add_milestone(task=second, title="完成立项", due_date=dt.date(2026, 3, 1), by=world.wangfang)
    extension = supervision.request_extension(
        task=third, unit_id=world.fagai.pk, by=world.liming, reason="征地未完成", new_date=dt.date(2027, 3, 31),
        progress="已完成设计", today=DAY,
    )  # fmt: skip
    supervision.approve_extension(extension=extension, by=world.fagai_leader)
    supervision.decide_extension(extension=extension, by=world.wangfang, approve=True, comment="", today=DAY)
    tasks = _tasks()
    seen = spy_compute()
    after = lights.cached_compute(tasks, today=DAY)
    assert seen == [[second.pk, third.pk]]
    assert after[second.pk].reasons != before[second.pk].reasons  # the milestone is overdue
    assert any("已批准延期" in r for r in after[third.pk].reasons)
    assert _view(after) == _fresh(monkeypatch, tasks)


def test_a_light_set_by_hand_a_due_date_moved_and_a_filing_move_only_their_tasks(
    spy_compute, world, monkeypatch
):
    others = add_tasks(world, 4)
    lights.cached_compute(_tasks(), today=DAY)
    supervision.override_light(task=others[0], by=world.wangfang, color="green", reason="口径调整", today=DAY)
    targets.adjust_due_date(
        task=others[2], due_date=dt.date(2026, 4, 10), by=world.wangfang, reason="会议决定"
    )
    file(world, world.period("month", 3))
    tasks = _tasks()
    seen = spy_compute()
    after = lights.cached_compute(tasks, today=DAY)
    assert seen == [[world.task.pk, others[0].pk, others[2].pk]]
    assert after[others[0].pk].overridden
    assert _view(after) == _fresh(monkeypatch, tasks)


def test_a_period_closed_works_them_all_out(spy_compute, world, monkeypatch):
    add_tasks(world, 3)
    lights.cached_compute(_tasks(), today=DAY)
    progress.close_period_review(period=world.period("month", 3), by=world.wangfang)
    tasks = _tasks()
    seen = spy_compute()
    lights.cached_compute(tasks, today=DAY)
    assert seen == [[t.pk for t in tasks]]


def test_what_cannot_be_told_is_none(world):
    task = add_tasks(world, 1)[0]
    start, _ = data_version_parts()
    milestone = targets.add_milestone(
        task=task, title="开工", due_date=dt.date(2026, 6, 1), by=world.wangfang
    )
    newest, _ = data_version_parts()
    assert tasks_touched(start, newest) == {task.pk}
    record(actor=world.wangfang, verb="task.changed_in_admin", obj=task)  # an admin's edit: anything may move
    assert tasks_touched(newest, data_version_parts()[0]) is None
    mark, _ = data_version_parts()
    record(actor=world.wangfang, verb="test.touch", object_type="test", object_id="1")  # an unknown kind
    assert tasks_touched(mark, data_version_parts()[0]) is None
    Milestone.objects.filter(pk=milestone.pk).delete()  # the milestone is gone: its task cannot be told
    assert tasks_touched(start, newest) is None
