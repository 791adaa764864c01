"""Working days and due dates. Pure functions: no database, no clock.

Working days follow the official holiday calendar with its adjusted working days (调休) from the
`chinesecalendar` library. For a year the library does not know yet, the supervision office enters the
year's holidays (HolidayYear); until it does, that year falls back to "Monday to Friday" and every date
computed from it is marked provisional.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import chinese_calendar

SATURDAY = 5  # date.weekday(): Monday is 0
MAX_RANGE_DAYS = 60  # a holiday range in the office calendar (2026-10-01~2026-10-08) spans at most this


@cache
def library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:  # the library's own signal for a year it has no official calendar of
        return False
    return True


@dataclass(frozen=True)
class WorkCalendar:
    """The library's calendar plus what the office entered (which wins where both speak)."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    office_years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        return year in self.office_years or library_knows(year)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        if day.year not in self.office_years and library_knows(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < SATURDAY


@dataclass(frozen=True)
class Schedule:
    """When reports are due; mirrors CalendarConfig (defaults from RULES.md)."""

    routine: str = "month"  # "month" or "quarter"
    routine_due_working_day: int = 5
    lock_after_working_days: int = 5
    half_year_due: tuple[int, int] = (6, 17)
    annual_due: tuple[int, int] = (12, 15)


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    start: dt.date
    end: dt.date
    due_date: dt.date
    lock_date: dt.date
    provisional: bool = False
    years_used: frozenset[int] = field(default_factory=frozenset, compare=False)


def month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def nth_working_day(cal: WorkCalendar, year: int, month: int, n: int) -> dt.date:
    """The n-th working day of a month (n >= 1); spills into the next month if the month has fewer."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day = dt.date(year, month, 1)
    seen = 0
    while True:
        if cal.is_working_day(day):
            seen += 1
            if seen == n:
                return day
        day += dt.timedelta(days=1)


def add_working_days(cal: WorkCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (n = 0 gives `day` itself)."""
    while n > 0:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


def working_days_between(cal: WorkCalendar, start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            count += 1
    return count


def _spec(
    cal: WorkCalendar, schedule: Schedule, kind: str, *, start: dt.date, end: dt.date, due: dt.date
) -> PeriodSpec:
    lock = add_working_days(cal, due, schedule.lock_after_working_days)
    years = frozenset({due.year, lock.year})
    return PeriodSpec(
        kind=kind,
        start=start,
        end=end,
        due_date=due,
        lock_date=lock,
        provisional=any(not cal.knows(y) for y in years),
        years_used=years,
    )


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return min(dt.date(year, month, 1) + dt.timedelta(days=day - 1), month_end(year, month))


def plan_periods(cal: WorkCalendar, schedule: Schedule, year: int) -> list[PeriodSpec]:
    """Every reporting period of a plan's year, with due and lock dates."""
    specs: list[PeriodSpec] = []
    if schedule.routine == "quarter":
        for q in range(4):
            start = dt.date(year, 3 * q + 1, 1)
            end = month_end(year, 3 * q + 3)
            nxt = end + dt.timedelta(days=1)
            due = nth_working_day(cal, nxt.year, nxt.month, schedule.routine_due_working_day)
            specs.append(_spec(cal, schedule, "quarter", start=start, end=end, due=due))
    else:
        for m in range(1, 13):
            start = dt.date(year, m, 1)
            end = month_end(year, m)
            nxt = end + dt.timedelta(days=1)
            due = nth_working_day(cal, nxt.year, nxt.month, schedule.routine_due_working_day)
            specs.append(_spec(cal, schedule, "month", start=start, end=end, due=due))
    specs.append(
        _spec(
            cal,
            schedule,
            "half_year",
            start=dt.date(year, 1, 1),
            end=dt.date(year, 6, 30),
            due=_safe_date(year, *schedule.half_year_due),
        )
    )
    specs.append(
        _spec(
            cal,
            schedule,
            "year",
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            due=_safe_date(year, *schedule.annual_due),
        )
    )
    return sorted(specs, key=lambda s: (s.due_date, s.kind))


def unknown_years(cal: WorkCalendar, years: Iterable[int]) -> list[int]:
    """Years the calendar needs but neither the library nor the office knows."""
    return sorted({y for y in years if not cal.knows(y)})


def parse_dates(text: str) -> tuple[list[dt.date], list[str]]:
    """Dates typed by the office, one per line or separated by commas / spaces (2027-01-01).
    Ranges are allowed: 2027-02-10~2027-02-17. Returns (dates, the pieces that could not be read)."""
    dates: list[dt.date] = []
    bad: list[str] = []
    for piece in text.replace("，", ",").replace("、", ",").replace(",", " ").split():
        piece = piece.strip()
        if not piece:
            continue
        try:
            if "~" in piece or "至" in piece:
                a, b = piece.replace("至", "~").split("~", 1)
                first, last = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
                if last < first or (last - first).days > MAX_RANGE_DAYS:
                    raise ValueError(piece)
                day = first
                while day <= last:
                    dates.append(day)
                    day += dt.timedelta(days=1)
            else:
                dates.append(dt.date.fromisoformat(piece))
        except ValueError:
            bad.append(piece)
    return sorted(set(dates)), bad
