"""A scripted year: 区发改局 reports on time until July, then stops. Daily scans from late August to
October, across 中秋 (09-25), 国庆 (10-01…10-07) and the 调休 Sunday 09-20 and Saturday 10-10: reminders,
L1, L2 and an L3 proposal appear on exactly the right working days, never on a weekend or holiday."""

import datetime as dt

import pytest

from progress.calendar import WorkCalendar
from progress.models import ProgressReport
from supervision import services
from supervision.models import Interview, Notice, Reminder
from supervision.scan import scan_region
from tests.progress.factories import file

pytestmark = pytest.mark.django_db
D = dt.date


def _on_time_until_july(world):
    for month in range(1, 8):
        period = world.period("month", month)
        report = file(world, period, percent=round(month * 100 / 12), text=f"{month}月进展顺利。")
        ProgressReport.objects.filter(pk=report.pk).update(
            filed_at=dt.datetime(2026, period.due_date.month, period.due_date.day, 9, tzinfo=dt.UTC)
        )


def test_the_ladder_climbs_on_the_right_working_days(world):
    _on_time_until_july(world)
    wangfang = world.wangfang
    day = D(2026, 8, 28)
    while day <= D(2026, 10, 20):
        scan_region(world.plan.region, today=day)
        for draft in Notice.objects.filter(state=Notice.State.DRAFT, level__lte=2):
            services.issue_notice(notice=draft, by=wangfang, today=day)  # 王芳 issues what the scan drafts
        if day == D(2026, 9, 24):
            services.record_interview(
                interview=Interview.objects.get(),
                by=wangfang,
                held_on=day,
                participants="曾国志副区长；区发改局局长",
            )
        day += dt.timedelta(days=1)

    reminders = set(Reminder.objects.values_list("kind", "period__start__month", "on"))
    assert reminders == {
        ("before_5", 8, D(2026, 8, 31)),
        ("before_1", 8, D(2026, 9, 4)),
        ("chase", 8, D(2026, 9, 8)),  # the August report was due on 09-07
        (
            "before_5",
            9,
            D(2026, 9, 30),
        ),  # five working days before 10-13: 10-12, 10-10 (调休), 10-09, 10-08, 09-30
        ("before_1", 9, D(2026, 10, 12)),
        ("chase", 9, D(2026, 10, 14)),
    }
    steps = list(Notice.objects.order_by("level").values_list("level", "rule", "proposed_on"))
    assert steps == [
        (1, "chase_unanswered", D(2026, 9, 15)),  # chased 09-08, still nothing five working days later
        (2, "l1_unanswered", D(2026, 9, 22)),  # answer due 09-21 (five working days, 09-20 is 调休)
        # the rectification plan was due ten working days after the 09-24 interview (over 中秋 and 国庆): 10-15
        (3, "rectification_missing", D(2026, 10, 16)),
    ]
    l3 = Notice.objects.get(level=3)
    assert l3.state == Notice.State.DRAFT
    assert not l3.number
    assert Interview.objects.get().rectification_due == D(2026, 10, 15)
    cal = WorkCalendar()
    for when in [*(r[2] for r in reminders), *(s[2] for s in steps)]:
        assert cal.is_working_day(when), when
    numbers = list(Notice.objects.exclude(number="").order_by("seq_no").values_list("number", flat=True))
    assert numbers == ["泉港督〔2026〕1号", "泉港督〔2026〕2号"]
