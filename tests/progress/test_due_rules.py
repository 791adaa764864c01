"""The pure rules behind 我的待办's lines: one per task and period, and when "no change" is offered."""

import datetime as dt

from progress.rules import DueItem, PeriodInfo, ReportInfo, no_change_offers, one_per_task_period

MARCH = PeriodInfo(3, 1, "month", dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 8), False)
APRIL = PeriodInfo(4, 1, "month", dt.date(2026, 4, 1), dt.date(2026, 4, 30), dt.date(2026, 5, 11), False)
PERIODS = {3: MARCH, 4: APRIL}


def item(task: int, period: int, action: str, unit: int = 7) -> DueItem:
    p = PERIODS[period]
    return DueItem(task, period, unit, p.kind, p.due_date, False, action)


def test_lead_work_wins_and_the_co_unit_part_is_folded_in():
    merged = one_per_task_period([item(2, 4, "co_input"), item(2, 4, "file"), item(3, 4, "co_input")])
    assert [(i.task_id, i.action, i.also_co) for i in merged] == [(2, "file", True), (3, "co_input", False)]
    assert [i.action for i in one_per_task_period([item(2, 4, "file"), item(2, 4, "fix", unit=8)])] == ["fix"]


def test_no_change_only_after_the_month_with_the_last_report_accepted():
    accepted = [ReportInfo(1, 2, 7, 3, "accepted", "on_track")]
    filed = [ReportInfo(1, 2, 7, 3, "filed", "on_track")]

    def offered(reports, today):
        return no_change_offers([item(2, 4, "file")], reports=reports, periods=PERIODS, today=today)[
            0
        ].no_change

    assert offered(accepted, dt.date(2026, 5, 6))
    assert not offered(accepted, dt.date(2026, 4, 20))  # April is not over
    assert not offered(filed, dt.date(2026, 5, 6))  # March not reviewed yet
    assert not offered([], dt.date(2026, 5, 6))  # nothing to repeat
