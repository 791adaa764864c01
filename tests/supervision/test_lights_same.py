"""Issue #15 made the lights fast; they must stay the same. A varied 泉港区 (reports on time, late, missing,
done, not started, returned, filed after the day looked at; a reading below its target; milestones; an
approved extension; an adjustment; a withdrawn task; an override; ladder rounds) is lit by the new code and
by the code as it was (tests/supervision/lights_reference.py) on days across the year: the same lights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from progress.models import IndicatorReading, Period, ProgressReport
from supervision import lights
from supervision.models import Adjustment, Extension, LightOverride
from supervision.scan import scan_region
from targets.models import Milestone, Task
from tests.dashboards.story import build_story
from tests.progress.factories import MONTHLY_TEXT, add_tasks
from tests.supervision import lights_reference

pytestmark = pytest.mark.django_db
D = dt.date
DAYS = [
    D(2026, 1, 20),
    D(2026, 2, 10),
    D(2026, 3, 16),
    D(2026, 3, 27),
    D(2026, 4, 9),
    D(2026, 7, 20),
    D(2026, 8, 3),
    D(2027, 1, 8),
]


def _report(task, unit, period, *, percent, status="on_track", state="accepted", filed=None):
    filed_on = filed or period.due_date
    return ProgressReport.objects.create(
        task=task, unit=unit, period=period, status=status, percent=percent, text=MONTHLY_TEXT, state=state,
        version=1, filed_at=timezone.make_aware(dt.datetime.combine(filed_on, dt.time(9, 30))),
    )  # fmt: skip


def _varied(world):
    build_story(world)
    on_time, late, done, idle, returned, future, withdrawn, adjusted, overridden = add_tasks(world, 9)
    months = list(Period.objects.filter(plan=world.plan, kind="month").order_by("start"))
    for m in months[:6]:
        _report(on_time, world.fagai, m, percent=m.start.month * 8)
        if m.start.month != 2:
            _report(late, world.fagai, m, percent=m.start.month * 3)
    _report(done, world.fagai, months[0], percent=30)
    _report(done, world.fagai, months[1], percent=100, status="done")
    _report(idle, world.fagai, months[0], percent=0, status="not_started")
    _report(returned, world.fagai, months[0], percent=10, state="returned")
    _report(future, world.fagai, months[0], percent=10, filed=D(2026, 3, 20))
    first = _report(world.task, world.fagai, months[0], percent=10)
    IndicatorReading.objects.create(report=first, indicator=world.indicator, value=4.1)
    Task.objects.filter(pk=withdrawn.pk).update(status=Task.Status.WITHDRAWN)
    Adjustment.objects.create(task=adjusted, reason="项目取消", on=D(2026, 3, 1))
    LightOverride.objects.create(
        task=overridden, color="green", reason="已协调", by_name="王芳", on=D(2026, 3, 2), active=True
    )
    Milestone.objects.create(task=future, title="完成立项", due_date=D(2026, 3, 1))
    Milestone.objects.create(
        task=late, unit=world.fagai, title="开工", due_date=D(2026, 2, 1), done_on=D(2026, 2, 3)
    )
    Extension.objects.create(
        task=late, unit=world.fagai, old_date=D(2026, 12, 31), new_date=D(2027, 3, 31), reason="征地",
        progress="已设计", requested_by=world.liming, requested_on=D(2026, 3, 2), state=Extension.State.APPROVED,
        decided_on=D(2026, 3, 4),
    )  # fmt: skip
    scan_region(world.plan.region, today=D(2026, 4, 7))


@pytest.mark.parametrize("many", [0, 10_000], ids=["by plan", "by task ids"])
def test_the_lights_are_the_same_as_before(world, monkeypatch, many):
    _varied(world)
    monkeypatch.setattr(lights, "MANY_TASKS", many)
    tasks = list(Task.objects.filter(plan=world.plan).select_related("plan__region"))
    assert len(tasks) == 11
    colors = set()
    for day in DAYS:
        new, old = lights.compute(tasks, today=day), lights_reference.compute(tasks, today=day)
        assert new == old, day
        colors |= {light.color for light in new.values()}
    some = lights.compute(tasks[2:5], today=DAYS[3])
    assert some == {k: v for k, v in lights_reference.compute(tasks, today=DAYS[3]).items() if k in some}
    assert colors == {"green", "amber", "red", "blue", "grey"}  # the world is varied enough to tell
