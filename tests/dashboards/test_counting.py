"""The pure counting behind the dashboards: groups, the trend, the current period, who owes a report,
the burden, the week's changes. `today` is an argument everywhere."""

import datetime as dt

from dashboards import counting
from dashboards.counting import PeriodRow

D = dt.date


def test_lights_are_counted_per_group_worst_first_and_a_task_without_a_group_is_named():
    colors = {1: "red", 2: "green", 3: "amber", 4: "red", 5: "green"}
    groups = {
        1: ["（一）稳增长"],
        2: ["（一）稳增长"],
        3: ["（二）惠民生"],
        4: ["（二）惠民生", "（三）优环境"],
    }
    rows = counting.count_by(colors, groups, none="（未分节）")
    assert [(r.name, r.counts["red"], r.counts["amber"], r.total) for r in rows] == [
        ("（二）惠民生", 1, 1, 2),
        ("（一）稳增长", 1, 0, 2),
        ("（三）优环境", 1, 0, 1),
        ("（未分节）", 0, 0, 1),
    ]
    assert rows[0].cells(("red", "amber", "green")) == [1, 1, 0]


def test_blue_is_green_for_readers_who_may_not_see_it():
    assert counting.fold_blue({1: "blue", 2: "red"}) == {1: "green", 2: "red"}


def test_the_trend_reads_each_month_from_its_last_scan_over_twelve_months():
    scans = [
        (1, D(2025, 4, 20)),
        (2, D(2026, 3, 10)),
        (3, D(2026, 3, 17)),
        (4, D(2026, 4, 16)),
        (5, D(2026, 5, 2)),
    ]
    picked = counting.last_scan_per_month(scans, today=D(2026, 4, 30))
    assert picked == {3: D(2026, 3, 17), 4: D(2026, 4, 16)}  # 2025-04 is too old, 2026-05 after today
    points = counting.trend(
        [(3, "red", 2), (3, "blue", 1), (3, "green", 5), (4, "green", 7), (2, "red", 9)],
        picked,
        private=False,
    )
    assert [(p.month, dict(p.counts)) for p in points] == [
        ("2026-03", {"red": 2, "green": 6}),
        ("2026-04", {"green": 7}),
    ]
    assert counting.trend([(3, "blue", 1)], picked, private=True)[0].counts == {"blue": 1}


def _month(pid, month, *, locked=False):
    start = D(2026, month, 1)
    end = D(2026, month + 1, 1) - dt.timedelta(days=1)
    return PeriodRow(pid, 1, "month", start, end, D(2026, month + 1, 8), locked)


def test_the_current_period_is_the_open_one_due_soonest_else_the_last_due():
    periods = [_month(2, 2, locked=True), _month(3, 3), _month(4, 4)]
    assert counting.current_period(periods, today=D(2026, 4, 3)).id == 3  # March open, due 04-08
    locked_march = [_month(2, 2, locked=True), _month(3, 3, locked=True), _month(4, 4)]
    assert counting.current_period(locked_march, today=D(2026, 4, 20)).id == 3  # April not over yet
    assert counting.current_period(locked_march, today=D(2026, 5, 4)).id == 4
    assert counting.current_period([_month(3, 3)], today=D(2026, 1, 5)) is None


def test_units_that_owe_a_report_with_groups_standing_for_their_members_and_done_tasks_left_out():
    march = _month(3, 3)
    leads = [
        (10, 1, 1, D(2026, 12, 31)),  # 发改局, task 1
        (11, 1, 2, D(2026, 12, 31)),  # 发改局, task 2: filed
        (12, 9, 3, D(2026, 12, 31)),  # 各镇（街道） = 山腰街道 (7) and 南埔镇 (8)
        (13, 2, 4, D(2026, 2, 28)),  # 工信局, task 4 due before March: nothing owed
        (14, 2, 5, D(2026, 12, 31)),  # 工信局, task 5 reported done in February
    ]
    rows = counting.unreported(
        period=march,
        leads=leads,
        filed=[(11, 1), (12, 7)],
        done_before={14: D(2026, 2, 28)},
        groups={9: [7, 8]},
        names={1: "区发改局", 2: "区工信局", 7: "山腰街道", 8: "南埔镇"},
        today=D(2026, 4, 9),
    )
    assert [(r.name, r.seqs, r.overdue) for r in rows] == [("区发改局", (1,), True), ("南埔镇", (3,), True)]


def test_the_burden_puts_a_notice_answer_in_the_period_being_reported_on():
    periods = [
        (1, "2026-03月报", D(2026, 3, 31)),
        (2, "2026-04月报", D(2026, 4, 30)),
        (3, "2026-05月报", D(2026, 5, 31)),
    ]
    rows = counting.burden(
        periods,
        reports={1: 10, 2: 8},
        steps={1: 14, 2: 8},
        returns={1: 2},
        co_inputs={1: 3},
        answered_on=[D(2026, 4, 12), D(2026, 4, 30), D(2026, 5, 6), D(2026, 1, 1)],
    )
    assert [(r.label, r.reports, r.steps, r.answers, r.total_steps, r.steps_per_report) for r in rows] == [
        ("2026-03月报", 10, 14, 2, 19, 1.4),
        ("2026-04月报", 8, 8, 1, 9, 1.0),
    ]


def test_the_week_lists_changed_lights_worse_first():
    changes = counting.light_changes(
        {1: "green", 2: "red", 3: "amber", 4: "green"}, {1: "red", 2: "green", 3: "amber"}
    )
    assert [(c.task_id, c.before, c.after, c.worse) for c in changes] == [
        (1, "green", "red", True),
        (2, "red", "green", False),
    ]
    assert counting.week_ago(D(2026, 4, 20)) == D(2026, 4, 13)
    assert counting.by_light({1: "green", 2: "red", 3: "green"}) == [("red", [2]), ("green", [1, 3])]
