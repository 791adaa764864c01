"""The cast of the reporting-loop stories, built with the shared factories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.models import Person, Role
from progress import services
from progress.models import Period, ProgressReport
from targets.models import Indicator, Plan, Task
from tests.factories import (
    AssignmentFactory,
    PersonFactory,
    PlanFactory,
    RegionFactory,
    TaskFactory,
    TaskLeaderFactory,
    UnitFactory,
    member,
)


@dataclass
class World:
    """泉港区's 2026 plan: task 1 led by 发改局 with 工信局 as co-unit; 鲤城区 next door."""

    plan: Plan
    task: Task
    indicator: Indicator
    fagai: Any
    gongxin: Any
    jiaoyu: Any
    wangfang: Any  # supervisor of 泉港区
    chenjing: Any  # supervisor of 鲤城区
    liming: Any  # liaison of 发改局 (lead unit)
    fagai_leader: Any  # unit leader of 发改局
    zhaoqiang: Any  # liaison of 工信局 (co-unit)
    gongxin_leader: Any  # unit leader of 工信局
    jiaoyu_liaison: Any  # liaison of 教育局 (unrelated)
    jiaoyu_leader: Any  # unit leader of 教育局
    zengguozhi: Any  # district leader in charge of the task
    zhoumin: Any  # observer of 泉港区

    def period(self, kind: str, month: int = 1) -> Period:
        start = dt.date(self.plan.year, month if kind in ("month", "quarter") else 1, 1)
        return Period.objects.get(plan=self.plan, kind=kind, start=start)


def build_world(*, year: int = 2026) -> World:
    quangang: Any = RegionFactory(name="泉港区")
    licheng: Any = RegionFactory(name="鲤城区")
    fagai: Any = UnitFactory(region=quangang, name="区发改局")
    gongxin: Any = UnitFactory(region=quangang, name="区工信局")
    jiaoyu: Any = UnitFactory(region=quangang, name="区教育局")
    plan: Any = PlanFactory(region=quangang, year=year)
    task: Any = TaskFactory(plan=plan, seq=1, text="地区生产总值增长5.5%左右，规上工业增加值增长6%。")
    AssignmentFactory(task=task, unit=fagai, role="lead")
    AssignmentFactory(task=task, unit=gongxin, role="co")
    indicator = Indicator.objects.create(
        task=task,
        name="地区生产总值增长",
        kind="growth_rate",
        comparator="~",
        value=5.5,
        unit="%",
        target_year=year,
    )
    zeng: Any = PersonFactory(region=quangang, name="曾国志", kind=Person.Kind.LEADER)
    TaskLeaderFactory(task=task, person=zeng)
    world = World(
        plan=plan,
        task=task,
        indicator=indicator,
        fagai=fagai,
        gongxin=gongxin,
        jiaoyu=jiaoyu,
        wangfang=member("wangfang", Role.SUPERVISOR, region=quangang),
        chenjing=member("chenjing", Role.SUPERVISOR, region=licheng),
        liming=member("liming", Role.LIAISON, region=quangang, unit=fagai),
        fagai_leader=member("fagai_leader", Role.UNIT_LEADER, region=quangang, unit=fagai),
        zhaoqiang=member("zhaoqiang", Role.LIAISON, region=quangang, unit=gongxin),
        gongxin_leader=member("gongxin_leader", Role.UNIT_LEADER, region=quangang, unit=gongxin),
        jiaoyu_liaison=member("jiaoyu_liaison", Role.LIAISON, region=quangang, unit=jiaoyu),
        jiaoyu_leader=member("jiaoyu_leader", Role.UNIT_LEADER, region=quangang, unit=jiaoyu),
        zengguozhi=member("zengguozhi", Role.LEADER, region=quangang, person=zeng),
        zhoumin=member("zhoumin", Role.OBSERVER, region=quangang),
    )
    for user, name in [
        (world.wangfang, "王芳"),
        (world.chenjing, "陈静"),
        (world.liming, "李明"),
        (world.zhaoqiang, "赵强"),
        (world.zengguozhi, "曾国志"),
        (world.zhoumin, "周敏"),
    ]:
        user.first_name = name
        user.save(update_fields=["first_name"])
    services.ensure_periods(plan=plan, by="manage.py periods")
    return world


def add_tasks(world: World, n: int) -> list[Task]:
    """More tasks led by 发改局 (for pinning query counts)."""
    tasks = []
    for _ in range(n):
        task: Any = TaskFactory(plan=world.plan)
        AssignmentFactory(task=task, unit=world.fagai, role="lead")
        AssignmentFactory(task=task, unit=world.gongxin, role="co")
        tasks.append(task)
    return tasks


MONTHLY_TEXT = "一季度地区生产总值同比增长5.6%，规上工业增加值增长6.2%，进度符合预期。"
SUMMARY_120 = (
    "上半年地区生产总值增长5.6%，规上工业增加值增长6.3%，固定资产投资增长8.1%，重点项目开工率达到预期。" * 3
)[:120]


def file(
    world: World, period: Period, *, by: Any = None, text: str = MONTHLY_TEXT, **kw: Any
) -> ProgressReport:
    """A report filed through the service: 李明 for 发改局 on the world's task, unless `task`, `unit`, `by` say."""
    return services.file_report(
        task=kw.pop("task", world.task),
        unit=kw.pop("unit", world.fagai),
        period=period,
        by=by or world.liming,
        status=kw.pop("status", "on_track"),
        percent=kw.pop("percent", 25),
        text=text,
        **kw,
    )


OK, FORBIDDEN, NOT_FOUND = "ok", "403", "404"


def outcome(call: Any) -> str:
    """What an access helper answers: ok, 403 or 404."""
    try:
        call()
    except Http404:
        return NOT_FOUND
    except PermissionDenied:
        return FORBIDDEN
    return OK
