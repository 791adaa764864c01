"""序时进度: where an indicator should stand on a date."""

from datetime import date

import pytest

from taskdoc.indicators import expected
from taskdoc.model import Indicator

START, END = date(2026, 1, 1), date(2026, 12, 31)


def indicator(kind: str = "level", value: float | None = 100.0, comparator: str = "=") -> Indicator:
    return Indicator("x", kind, comparator, value, "个", 2026, "x")  # type: ignore[arg-type]


def on(day: date, found: Indicator) -> float | None:
    return expected(found, on=day, start=START, end=END)


def test_level_grows_linearly_by_month():
    assert on(date(2026, 3, 31), indicator()) == pytest.approx(25.0)
    assert on(date(2026, 6, 30), indicator(value=1200.0)) == pytest.approx(600.0)


def test_level_grows_by_day_within_a_month():
    assert on(date(2026, 1, 16), indicator(value=1200.0)) == pytest.approx(100 * 16 / 31)


def test_a_quarter_runs_by_its_own_months():
    found = indicator(value=30.0)
    assert expected(
        found, on=date(2026, 4, 30), start=date(2026, 4, 1), end=date(2026, 6, 30)
    ) == pytest.approx(10.0)


def test_growth_rate_is_the_target_rate_from_the_start():
    assert on(date(2026, 2, 1), indicator("growth_rate", 5.5)) == 5.5
    assert on(date(2026, 11, 1), indicator("decline_rate", 3.0)) == 3.0
    assert on(date(2026, 11, 1), indicator("annual_avg_growth", 6.0)) == 6.0


def test_multiple_grows_linearly_from_one():
    assert on(date(2025, 12, 31), indicator("multiple", 2.0)) == 1.0
    assert on(date(2026, 6, 30), indicator("multiple", 2.0)) == pytest.approx(1.5)
    assert on(END, indicator("multiple", 2.0)) == 2.0
    assert on(date(2025, 1, 1), indicator("multiple", 2.0)) == 1.0


def test_ceiling_holds_from_the_start():
    assert on(date(2026, 3, 1), indicator(value=5.5, comparator="<=")) == 5.5


def test_qualitative_has_no_trajectory():
    assert on(date(2026, 6, 1), indicator("qualitative", None)) is None


def test_a_period_of_one_day_is_full_on_that_day():
    found = indicator()
    assert expected(found, on=START, start=START, end=START) == 100.0
