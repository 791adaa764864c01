"""通报表扬: 区发改局 all green at the three rounds of the first quarter; a task done early. The office confirms."""

import datetime as dt

import pytest

from progress.models import ProgressReport
from supervision import services
from supervision.models import Commendation
from supervision.scan import scan_region
from tests.progress.factories import file

pytestmark = pytest.mark.django_db


def on_time(world, month, percent, status="on_track"):
    period = world.period("month", month)
    report = file(world, period, percent=percent, status=status, text=f"{month}月进展顺利。")
    ProgressReport.objects.filter(pk=report.pk).update(
        filed_at=dt.datetime(2026, period.due_date.month, period.due_date.day, 1, tzinfo=dt.UTC)
    )
    return period


def test_a_unit_all_green_in_a_quarter_and_a_task_done_early_are_proposed(world):
    for month in (1, 2, 3):
        period = on_time(world, month, round(month * 100 / 12))
        scan_region(world.plan.region, today=period.lock_date)
        kinds = set(Commendation.objects.values_list("kind", flat=True))
        assert kinds == ({"all_green"} if month == 3 else set())
    praise = Commendation.objects.get()
    assert praise.unit == world.fagai
    assert praise.reasons == ["2026年第1季度所有牵头任务均为绿灯"]
    period = on_time(world, 4, 100, status="done")
    scan_region(world.plan.region, today=period.lock_date)
    early = Commendation.objects.get(kind="done_early")
    assert early.reasons == ["第1项任务提前完成（2026年4月报告）"]
    services.decide_commendation(commendation=early, by=world.wangfang, confirm=True)
    early.refresh_from_db()
    assert early.state == "confirmed"
    with pytest.raises(services.SupervisionError):
        services.decide_commendation(commendation=early, by=world.wangfang, confirm=False)
