"""The lights read their rows in fewer, lighter queries and group them in one pass (issue #15's second round):
on generated districts they must stay what the code before issue #15 gives (tests/supervision/lights_reference.py).

Each seed makes a 泉港区 of its own: tasks with one to three lead units (a group among them now and then),
monthly and quarterly reports (a March report and a Q1 report end on the same day, due a day apart) filed early,
late, after the day looked at or returned, with readings; milestones for one unit or for all; two approved
extensions of a unit decided on the same day; two overrides of the same day; an adjustment; a withdrawn task;
two ladder rounds. Every day looked at, by plan and by task ids: the same lights, reasons in the same order.
Only orders the old code defined are generated (on PostgreSQL a tie the old queries left open falls either way)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from progress.models import IndicatorReading, Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from supervision import lights
from supervision.models import Adjustment, Extension, LightOverride
from supervision.scan import scan_region
from targets.models import Assignment, Indicator, Milestone, Task
from tests.factories import TaskFactory, UnitFactory
from tests.progress.factories import MONTHLY_TEXT
from tests.supervision import lights_reference

pytestmark = pytest.mark.django_db
D = dt.date
DAYS = [
    D(2026, 2, 9),
    D(2026, 4, 3),
    D(2026, 4, 20),
    D(2026, 7, 8),
    D(2026, 10, 12),
    D(2026, 12, 28),
    D(2027, 1, 6),
]
DUE = [D(2026, 3, 31), D(2026, 4, 8), D(2026, 6, 30), D(2026, 10, 15), D(2026, 12, 31), D(2026, 12, 31)]
INDICATORS = [
    ("growth_rate", ">=", 6.0),
    ("growth_rate", "<=", 3.0),
    ("decline_rate", ">=", 2.0),
    ("level", ">=", 120.0),
    ("level", "<=", 50.0),
    ("qualitative", "=", None),
]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 30), tzinfo=dt.UTC)


def _quarters(world: Any) -> list[Period]:
    """Quarterly periods beside the monthly ones, each ending with a month: Q1 and Q3 due a day before March's
    and September's report, Q2 and Q4 three days after June's and December's."""
    for month in Period.objects.filter(plan=world.plan, kind="month", start__month__in=[3, 6, 9, 12]):
        late = dt.timedelta(days=-1 if month.start.month in (3, 9) else 3)
        Period.objects.create(
            plan=world.plan, kind="quarter", start=month.start.replace(month=month.start.month - 2), end=month.end,
            due_date=month.due_date + late, lock_date=month.lock_date + late,
        )  # fmt: skip
    return list(Period.objects.filter(plan=world.plan, kind__in=ROUTINE_KINDS))


def _leads(task: Task, units: list[Any], group: Any, rng: random.Random) -> list[Any]:
    leads = rng.sample(units, rng.choice([1, 1, 2, 3]))
    Assignment.objects.filter(task=task).delete()
    orders = rng.sample(range(5), len(leads))
    for unit, order in zip(leads, orders, strict=True):
        Assignment.objects.create(task=task, unit=unit, role="lead", order=order)
    if rng.random() < 0.2:
        Assignment.objects.create(task=task, unit=group, role="lead", order=9)
    return leads


def _reports(task: Task, unit: Any, periods: list[Period], rng: random.Random) -> list[ProgressReport]:
    """A unit's reports on a task: monthly, quarterly or both, a few missing, stopping some month."""
    cadence = rng.choice([("month",), ("quarter",), ROUTINE_KINDS, ROUTINE_KINDS])
    stops = rng.choice([13, 13, 9, 5])
    out = []
    for period in periods:
        if period.kind not in cadence or period.start.month >= stops or rng.random() < 0.08:
            continue
        filed_on = period.due_date + dt.timedelta(days=rng.choice([-3, 0, 0, 2, 9]))
        done = period.start.month >= 8 and rng.random() < 0.2
        out.append(
            ProgressReport(
                task=task, unit=unit, period=period, text=MONTHLY_TEXT, version=1,
                status="done" if done else rng.choice(["on_track", "at_risk", "lagging"]),
                percent=100 if done else min(99, rng.choice([0, 5, 8, 8, 9]) * period.start.month),
                state=rng.choice(["accepted", "accepted", "filed", "returned"]),
                filed_at=_at(filed_on),
            )
        )  # fmt: skip
    return out


def _indicators_and_milestones(task: Task, leads: list[Any], rng: random.Random) -> None:
    if rng.random() < 0.5:
        for order, (kind, comparator, value) in enumerate(rng.sample(INDICATORS, rng.choice([1, 2]))):
            Indicator.objects.create(
                task=task, name=f"指标{order}", kind=kind, comparator=comparator, value=value, unit="%",
                target_year=2026, order=order,
            )  # fmt: skip
    for due in rng.sample([D(2026, 3, 1), D(2026, 6, 1), D(2026, 9, 30)], rng.choice([0, 0, 1, 2])):
        Milestone.objects.create(
            task=task,
            unit=rng.choice([None, *leads]),
            title=f"节点{rng.randint(1, 9)}",
            due_date=due,
            done_on=rng.choice([None, None, D(2026, 5, 20)]),
        )


def _decisions(world: Any, tasks: list[Task], leads_of: dict[int, list[Any]], rng: random.Random) -> None:
    """Two extensions decided the same day, an adjustment, two overrides of the same day, a withdrawn task."""
    late, adjusted, overridden, withdrawn = rng.sample(tasks, 4)
    for new_date in (D(2027, 3, 31), D(2027, 2, 28)):
        Extension.objects.create(
            task=late, unit=leads_of[late.pk][0], old_date=late.due_date, new_date=new_date, reason="征地",
            progress="已设计", requested_by=world.liming, requested_on=D(2026, 3, 2),
            state=Extension.State.APPROVED, decided_on=D(2026, 3, 4),
        )  # fmt: skip
    Adjustment.objects.create(task=adjusted, reason="项目取消", on=D(2026, 3, 1))
    for color in ("green", "amber"):
        LightOverride.objects.create(
            task=overridden, color=color, reason="已协调", by_name="王芳", on=D(2026, 3, 2)
        )
    Task.objects.filter(pk=withdrawn.pk).update(status=Task.Status.WITHDRAWN)


def _district(world: Any, rng: random.Random) -> None:
    region = world.plan.region
    units = [world.fagai, world.gongxin, world.jiaoyu, UnitFactory(region=region, name="区住建局")]
    group = UnitFactory(region=region, name="区重点项目指挥部", kind="group")
    periods = _quarters(world)
    tasks = [world.task] + [
        TaskFactory(plan=world.plan, due_date=rng.choice(DUE), text=MONTHLY_TEXT) for _ in range(11)
    ]
    reports, leads_of = [], {}
    for task in tasks:
        leads_of[task.pk] = _leads(task, units, group, rng)
        for unit in leads_of[task.pk]:
            reports += _reports(task, unit, periods, rng)
        _indicators_and_milestones(task, leads_of[task.pk], rng)
    ProgressReport.objects.bulk_create(reports)
    readings = [
        IndicatorReading(report=r, indicator=i, value=rng.choice([-1.5, 1.0, 4.0, 7.5, 60.0, 130.0]))
        for r in ProgressReport.objects.filter(task__plan=world.plan)
        for i in Indicator.objects.filter(task_id=r.task_id)
        if rng.random() < 0.7
    ]
    IndicatorReading.objects.bulk_create(readings)
    _decisions(world, tasks, leads_of, rng)
    scan_region(region, today=D(2026, 4, 7))
    scan_region(region, today=D(2026, 7, 6))


@pytest.mark.parametrize("seed", range(5))
def test_generated_districts_are_lit_as_before(world, monkeypatch, seed):
    _district(world, random.Random(seed))  # noqa: S311  (test data, not secrets)
    tasks = list(Task.objects.filter(plan=world.plan).select_related("plan__region"))
    colors = set()
    for many in (0, 10_000):  # by plan, by task ids
        monkeypatch.setattr(lights, "MANY_TASKS", many)
        for day in DAYS:
            new, old = lights.compute(tasks, today=day), lights_reference.compute(tasks, today=day)
            assert new == old, (seed, many, day)
            colors |= {light.color for light in new.values()}
    assert len(colors) >= 4  # varied enough to tell
