"""Build a plan of many tasks quickly (bulk inserts), for query-count tests of lists."""

from __future__ import annotations

import datetime as dt

from orgs.models import Person, Region, Unit
from targets.models import Assignment, Indicator, Plan, Section, Task, TaskLeader


def big_plan(region: Region, n: int, *, lead: Unit, co: Unit, leader: Person) -> Plan:
    plan = Plan.objects.create(region=region, year=2026, title=f"{region.name}2026年分解表")
    section = Section.objects.create(plan=plan, title="一、主要目标", level=1, order=1)
    Task.objects.bulk_create(
        Task(
            plan=plan,
            seq=i,
            text=f"第{i}项：新增城镇就业2700人以上。",
            section=section,
            section_path=[section.title],
            due_date=dt.date(2026, 12, 31),
        )
        for i in range(1, n + 1)
    )
    tasks = list(plan.tasks.all())
    Assignment.objects.bulk_create(
        [Assignment(task=t, unit=lead, role=Assignment.Role.LEAD) for t in tasks]
        + [Assignment(task=t, unit=co, role=Assignment.Role.CO) for t in tasks]
    )
    TaskLeader.objects.bulk_create(TaskLeader(task=t, person=leader) for t in tasks)
    Indicator.objects.bulk_create(
        Indicator(
            task=t,
            name="新增城镇就业",
            kind="level",
            comparator=">=",
            value=2700,
            unit="人",
            target_year=2026,
        )
        for t in tasks
    )
    return plan
