"""Due dates follow the official holiday calendar, including its adjusted working days (调休)."""

import datetime as dt

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from progress import services
from progress.calendar import (
    Schedule,
    WorkCalendar,
    add_working_days,
    nth_working_day,
    plan_periods,
    unknown_years,
)
from progress.models import HolidayYear, Period

CAL = WorkCalendar()


def test_the_april_report_counts_saturday_9_may_as_a_working_day():
    # 2026: 1–5 May off, Saturday 9 May worked (调休). Working days 6, 7, 8, 9, 11 → the 5th is 11 May.
    assert nth_working_day(CAL, 2026, 5, 5) == dt.date(2026, 5, 11)


def test_the_september_report_waits_for_the_national_day_holiday():
    assert nth_working_day(CAL, 2026, 10, 5) == dt.date(2026, 10, 13)


def test_the_period_locks_five_working_days_after_the_due_date():
    assert add_working_days(CAL, dt.date(2026, 4, 8), 5) == dt.date(2026, 4, 15)


def test_a_year_the_library_does_not_know_falls_back_to_weekdays_and_is_provisional():
    assert unknown_years(CAL, [2026, 2031]) == [2031]
    specs = plan_periods(CAL, Schedule(), 2031)
    assert all(s.provisional for s in specs)
    # 1 January 2031 is a Wednesday; without the office's holidays it counts as a working day.
    assert nth_working_day(CAL, 2031, 1, 1) == dt.date(2031, 1, 1)


def test_holidays_entered_by_the_office_are_used():
    office = WorkCalendar(
        holidays=frozenset({dt.date(2031, 1, 1)}),
        workdays=frozenset({dt.date(2031, 1, 4)}),
        office_years=frozenset({2031}),
    )
    assert nth_working_day(office, 2031, 1, 1) == dt.date(2031, 1, 2)
    assert nth_working_day(office, 2031, 1, 3) == dt.date(2031, 1, 4)  # Saturday, worked
    assert unknown_years(office, [2031]) == []


def test_a_2026_plan_has_twelve_months_and_two_summaries_with_the_notice_dates():
    specs = plan_periods(CAL, Schedule(), 2026)
    kinds = [s.kind for s in specs]
    assert kinds.count("month") == 12
    half = next(s for s in specs if s.kind == "half_year")
    annual = next(s for s in specs if s.kind == "year")
    assert (half.due_date, annual.due_date) == (dt.date(2026, 6, 17), dt.date(2026, 12, 15))
    march = next(s for s in specs if s.kind == "month" and s.start.month == 3)
    assert march.due_date == dt.date(2026, 4, 8)
    assert not march.provisional
    december = next(s for s in specs if s.kind == "month" and s.start.month == 12)
    assert december.provisional  # due in January 2027, whose holidays are not published yet


@pytest.mark.django_db
def test_periods_are_created_once_and_the_command_is_idempotent(world, capsys):
    assert Period.objects.filter(plan=world.plan).count() == 14
    events = AuditEvent.objects.count()
    call_command("periods", "--dry-run")
    call_command("periods")
    assert Period.objects.filter(plan=world.plan).count() == 14
    assert AuditEvent.objects.count() == events
    out = capsys.readouterr()
    assert "created 0" in out.out
    assert "2027" in out.err  # warned: the January 2027 due date is provisional


@pytest.mark.django_db
def test_wangfang_enters_2027_and_the_december_report_stops_being_provisional(world):
    december = world.period("month", 12)
    assert december.provisional
    services.save_holiday_year(
        region=world.plan.region,
        year=2027,
        holidays=[dt.date(2027, 1, 1)],
        workdays=[],
        by=world.wangfang,
    )
    december.refresh_from_db()
    assert not december.provisional
    # 1 Jan 2027 is a Friday and a holiday: working days 4, 5, 6, 7, 8 → the 5th is 8 January.
    assert december.due_date == dt.date(2027, 1, 8)
    assert HolidayYear.objects.get(year=2027).entered_by == world.wangfang
    assert services.missing_holiday_years(world.plan) == []


@pytest.mark.django_db
def test_wangfang_moves_monthly_reports_to_the_third_working_day(world):
    services.save_calendar_config(plan=world.plan, by=world.wangfang, values={"routine_due_working_day": 3})
    assert world.period("month", 3).due_date == dt.date(2026, 4, 3)


@pytest.mark.django_db
def test_a_locked_period_keeps_its_dates(world):
    march = world.period("month", 3)
    services.close_period_review(period=march, by=world.wangfang)
    services.save_calendar_config(plan=world.plan, by=world.wangfang, values={"routine_due_working_day": 3})
    march.refresh_from_db()
    assert march.locked
    assert march.review_closed_at
    assert march.due_date == dt.date(2026, 4, 8)


@pytest.mark.django_db
def test_switching_to_quarterly_reports_replaces_months_nobody_reported_on(world):
    services.save_calendar_config(plan=world.plan, by=world.wangfang, values={"routine": "quarter"})
    kinds = sorted(Period.objects.filter(plan=world.plan).values_list("kind", flat=True))
    assert kinds.count("quarter") == 4
    assert "month" not in kinds


@pytest.mark.django_db
def test_the_command_can_close_reviews_whose_date_has_passed(world, today, capsys):
    today(dt.date(2026, 4, 3))
    call_command("periods", "--close-reviews", "--dry-run")
    assert not Period.objects.filter(locked=True).exists()
    call_command("periods", "--close-reviews")
    call_command("periods", "--close-reviews")  # a second run finds nothing more to close
    locked = sorted(p.start.month for p in Period.objects.filter(locked=True))
    assert locked == [1, 2]  # January and February; March's review closes on 2026-04-15
    assert AuditEvent.objects.filter(verb="progress.period_closed").count() == 2
