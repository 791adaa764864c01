"""泉港区's office dashboard story on top of the reporting world: a second section and unit, tags, scans
in February and March, a notice overdue, an extension asked, a second district leader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.test import Client

from orgs.models import Person, Role
from progress import services
from supervision.models import Extension, Notice
from supervision.scan import scan_region
from targets.models import Task
from tests.factories import (
    AssignmentFactory,
    PersonFactory,
    SectionFactory,
    TaskFactory,
    TaskLeaderFactory,
    member,
)
from tests.progress.factories import MONTHLY_TEXT, World

D = dt.date


@dataclass
class Story:
    world: World
    jiaoyu_task: Task
    zeng: Person
    cai: Person  # 蔡副区长, another district leader
    caiweiping: Any  # her account
    notice: Notice


def login(user: Any) -> Client:
    c = Client(HTTP_X_FORWARDED_PROTO="https")
    c.force_login(user)
    return c


def build_story(world: World) -> Story:
    region = world.plan.region
    growth = SectionFactory(plan=world.plan, title="一、稳增长")
    people = SectionFactory(plan=world.plan, title="二、惠民生")
    Task.objects.filter(pk=world.task.pk).update(
        section=growth, section_path=["一、稳增长"], tags=["key_indicator"]
    )
    school: Any = TaskFactory(
        plan=world.plan, seq=2, text="新建中小学校3所，新增学位2700个。", section=people, section_path=["二、惠民生"],
        tags=["livelihood"],
    )  # fmt: skip
    AssignmentFactory(task=school, unit=world.jiaoyu, role="lead")
    cai: Any = PersonFactory(region=region, name="蔡卫平", kind=Person.Kind.LEADER)
    TaskLeaderFactory(task=school, person=cai)
    caiweiping = member("caiweiping", Role.LEADER, region=region, person=cai)
    zeng = Person.objects.get(name="曾国志")
    february = world.period("month", 2)
    services.file_report(
        task=school, unit=world.jiaoyu, period=february, by=world.jiaoyu_liaison, status="on_track",
        percent=20, text=MONTHLY_TEXT,
    )  # fmt: skip
    scan_region(region, today=D(2026, 3, 16))
    scan_region(region, today=D(2026, 3, 27))
    notice, _ = Notice.objects.update_or_create(
        task=world.task, unit=world.fagai, year=2026, level=1, defaults={
            "region": region, "rule": "red_at_scan", "reasons": ["2026年2月报告未报"], "proposed_on": D(2026, 3, 16),
            "state": Notice.State.ISSUED, "number": "泉港督〔2026〕1号", "issued_on": D(2026, 3, 16),
            "answer_due": D(2026, 3, 23),
        },
    )  # fmt: skip
    Notice.objects.create(
        region=region, task=world.task, unit=world.fagai, year=2026, level=3, rule="red_after_interview",
        reasons=["约谈后连续两次督查扫描仍为红灯"], proposed_on=D(2026, 3, 30),
    )  # fmt: skip
    Extension.objects.create(
        task=school, unit=world.jiaoyu, old_date=D(2026, 12, 31), new_date=D(2027, 6, 30), reason="征地未完成",
        progress="已完成设计", requested_by=world.jiaoyu_liaison, requested_on=D(2026, 3, 30),
    )  # fmt: skip
    return Story(world, school, zeng, cai, caiweiping, notice)
