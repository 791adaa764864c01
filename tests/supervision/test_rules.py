"""The lights as pure rules: each colour with its reasons in words, `today` as an argument."""

import datetime as dt

from progress.calendar import WorkCalendar
from supervision import rules
from supervision.rules import Config, IndicatorFact, ReportFact, RoutinePeriod, UnitFacts

D = dt.date
CAL = WorkCalendar()
MONTHS = [
    RoutinePeriod(m, "month", D(2026, m, 1), D(2026, m + 1, 1) - dt.timedelta(days=1), due)
    for m, due in [(7, D(2026, 8, 7)), (8, D(2026, 9, 7)), (9, D(2026, 10, 13))]
]
GDP = IndicatorFact(1, "地区生产总值", "growth_rate", "~", 5.5, "%")


def report(month, percent, *, status="on_track", gdp=None):
    period = MONTHS[month - 7]
    return ReportFact(period.id, period.end, status, percent, period.due, {1: gdp} if gdp is not None else {})


def light(reports, today, **kw):
    facts = UnitFacts(
        plan_start=D(2026, 1, 1),
        task_due=D(2026, 12, 31),
        periods=MONTHS,
        reports=reports,
        indicators=[GDP],
        **kw,
    )
    return rules.unit_light(facts, today=today, cal=CAL, config=Config())


def test_a_report_three_working_days_late_is_amber_in_words():
    got = light([report(7, 58), report(8, 67)], D(2026, 10, 16))
    assert got == rules.Light("amber", ("2026年9月报告逾期3个工作日未报",))


def test_within_the_grace_it_is_still_green():
    assert light([report(7, 58), report(8, 67)], D(2026, 10, 15)).color == "green"


def test_two_periods_missing_running_is_red():
    got = light([report(7, 58)], D(2026, 10, 16))
    assert got.color == "red"
    assert got.reasons[0] == "连续两期未报送进展（2026年8月报告、2026年9月报告）"


def test_growth_below_target_is_amber_and_negative_growth_red():
    below = light([report(7, 58), report(8, 67, gdp=4.1)], D(2026, 9, 20))
    assert below == rules.Light("amber", ("地区生产总值增速4.1%，低于目标5.5%",))
    assert light([report(7, 58), report(8, 67, gdp=-0.5)], D(2026, 9, 20)).color == "red"


def test_progress_behind_the_trajectory():
    # end of August: 8/12 of the year, 67 % expected
    assert light([report(8, 50)], D(2026, 9, 20)).reasons == ("完成进度50%，序时进度67%，落后17个百分点",)
    assert light([report(8, 30)], D(2026, 9, 20)).color == "red"
    assert light([report(8, 60)], D(2026, 9, 20)).color == "green"


def test_amber_at_two_scans_running_turns_red():
    got = light([report(8, 50)], D(2026, 9, 20), previous="amber")
    assert got.color == "red"
    assert got.reasons[0] == "连续两次督查为黄灯"


def test_done_early_is_green_and_an_adjusted_task_grey():
    assert light([report(7, 100, status="done")], D(2026, 9, 20)).reasons == ("提前完成（2026年7月报告）",)
    assert light([], D(2026, 9, 20), adjusted="区政府常务会议决定取消").color == "grey"


def test_blue_is_a_private_hint_near_a_deadline():
    facts = UnitFacts(
        plan_start=D(2026, 1, 1),
        task_due=D(2026, 9, 30),
        periods=MONTHS,
        reports=[report(7, 90), report(8, 95)],
    )
    got = rules.unit_light(facts, today=D(2026, 9, 24), cal=CAL, config=Config())
    assert got.color == "blue"
    assert "还有3个工作日" in got.reasons[0]  # 09-25 is 中秋: 09-28, 09-29, 09-30
    assert rules.public(got).color == "green"


def test_an_approved_extension_moves_the_due_date():
    facts = UnitFacts(
        plan_start=D(2026, 1, 1),
        task_due=D(2026, 9, 30),
        periods=MONTHS[:1],
        reports=[report(7, 90)],
        extended_to=D(2026, 12, 31),
    )
    got = rules.unit_light(facts, today=D(2026, 10, 9), cal=CAL, config=Config())
    assert got.color == "green"
    assert got.reasons[-1] == "已批准延期至2026年12月31日"


def test_the_office_changes_the_numbers_per_region():
    config = Config.from_settings({"grace_working_days": 5, "unknown": 1, "red_points": "x"})
    assert (config.grace_working_days, config.red_points) == (5, 30)
    facts = UnitFacts(
        plan_start=D(2026, 1, 1),
        task_due=D(2026, 12, 31),
        periods=MONTHS,
        reports=[report(7, 58), report(8, 67)],
    )
    assert rules.unit_light(facts, today=D(2026, 10, 16), cal=CAL, config=config).color == "green"
