import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from progress import services
from progress.models import ProgressReport
from supervision.models import Commendation
from supervision.services import override_light
from tests.factories import AssignmentFactory, TaskFactory
from tests.progress.factories import World, build_world

OCT_3 = dt.date(2026, 10, 3)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Quarter:
    """泉港区 at the end of the third quarter: task 1 (发改局) done in August, task 2 (教育局) lagging and
    set red by 王芳 with a reason, task 3 (工信局) on track."""

    world: World
    done: Any
    lagging: Any
    going: Any


def build_quarter() -> Quarter:
    world = build_world()
    lagging: Any = TaskFactory(plan=world.plan, seq=2, text="新建改扩建中小学校3所，新增学位2000个。")
    AssignmentFactory(task=lagging, unit=world.jiaoyu, role="lead")
    going: Any = TaskFactory(plan=world.plan, seq=3, text="推进规上工业企业技术改造，完成技改投资20亿元。")
    AssignmentFactory(task=going, unit=world.gongxin, role="lead")
    for month in (7, 8, 9):
        period = world.period("month", month)
        if month < 9:
            done = month == 8
            services.file_report(
                task=world.task,
                unit=world.fagai,
                period=period,
                by=world.liming,
                status="done" if done else "on_track",
                percent=100 if done else 60,
                text="地区生产总值增长5.8%，全年目标提前完成。" if done else "地区生产总值增长5.6%。",
            )
        services.file_report(
            task=lagging,
            unit=world.jiaoyu,
            period=period,
            by=world.jiaoyu_liaison,
            status="lagging",
            percent=20,
            text="两所学校仍在办理用地手续，尚未开工。",
        )
        services.file_report(
            task=going,
            unit=world.gongxin,
            period=period,
            by=world.zhaoqiang,
            status="on_track",
            percent=50 + 10 * (month - 7),
            text="完成技改投资14亿元。",
        )
        # the story's filing days: each report on its due date
        due = dt.datetime.combine(period.due_date, dt.time(10), tzinfo=dt.UTC)
        ProgressReport.objects.filter(period=period).update(filed_at=due)
    override_light(
        task=lagging,
        by=world.wangfang,
        color="red",
        reason="两所学校尚未开工，进度滞后序时50个百分点",
        today=dt.date(2026, 9, 30),
    )
    Commendation.objects.create(
        region=world.plan.region,
        kind="done_early",
        key=f"done_early:{world.task.pk}",
        unit=world.fagai,
        task=world.task,
        reasons=["提前完成全年目标"],
        proposed_on=dt.date(2026, 9, 10),
    )
    return Quarter(world, world.task, lagging, going)


@pytest.fixture
def quarter(db, media) -> Quarter:
    return build_quarter()
