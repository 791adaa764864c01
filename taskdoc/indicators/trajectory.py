"""Where an indicator should be on a date (序时进度), for lag detection."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from taskdoc.model import Indicator

_RATE_KINDS = frozenset({"growth_rate", "decline_rate", "annual_avg_growth"})


def expected(indicator: Indicator, *, on: date, start: date, end: date) -> float | None:
    """The value the indicator should have reached on `on`, for a target running from start to end.

    - Levels and counts grow linearly, by month, from 0 at start to the value at end. A ceiling (comparator <=,
      控制在5.5%以内) holds all along, so it is the full value from start.
    - Growth and decline rates are compared year to date: the expected rate is the target rate itself
      from start on.
    - A multiple grows linearly from 1 (the base) to the multiple.
    - Qualitative indicators, and those without a value, have no trajectory: None.

    Before start nothing is expected yet (0, or 1 for a multiple); from end on the full value is.
    """
    if indicator.kind == "qualitative" or indicator.value is None:
        return None
    target = float(indicator.value)
    base = 1.0 if indicator.kind == "multiple" else 0.0
    if on < start:
        return base
    if indicator.kind in _RATE_KINDS or indicator.comparator == "<=":
        return target
    return base + (target - base) * _elapsed(on, start, end)


def _elapsed(on: date, start: date, end: date) -> float:
    """The share of the period gone by at the end of `on`, counted in months, between 0 and 1.

    Months, not days, so that the end of March is exactly 3/12 of a calendar year (RULES.md: expected
    progress is linear by month); within a month the share grows by day.
    """
    if on >= end:
        return 1.0
    total = _months(start, end + timedelta(days=1))
    return min(1.0, max(0.0, _months(start, on + timedelta(days=1)) / total)) if total > 0 else 1.0


def _months(first: date, after: date) -> float:
    """Calendar months from the start of `first` to the start of `after`; a part month counts by its days."""
    months = 0.0
    day = first
    while day < after:
        next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        stop = min(next_month, after)
        months += (stop - day).days / monthrange(day.year, day.month)[1]
        day = stop
    return months
