"""Deadline phrases read as the last day they allow."""

from __future__ import annotations

from datetime import date

import pytest

from taskdoc.deadlines import deadline_date, five_year_plan_end, month_end


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("2026年6月底前", date(2026, 6, 30)),
        ("9月30日前完成", date(2026, 9, 30)),
        ("年底前", date(2026, 12, 31)),
        ("三季度末", date(2026, 9, 30)),
        ("第二季度", date(2026, 6, 30)),
        ("上半年", date(2026, 6, 30)),
        ("10月中旬", date(2026, 10, 20)),
        ("十二月底", date(2026, 12, 31)),
        ("2027年底", date(2027, 12, 31)),
        ("2026-06-15", date(2026, 6, 15)),
        ("6月31日", date(2026, 6, 30)),  # a day the month does not have: its last day
        ("２０２６年２月底", date(2026, 2, 28)),  # full-width digits
    ],
)
def test_phrases_give_their_last_day(phrase: str, due: date) -> None:
    assert deadline_date(phrase, 2026) == due


@pytest.mark.parametrize("phrase", ["长期坚持", "持续推进", "", "按要求"])
def test_phrases_without_a_date_give_none(phrase: str) -> None:
    assert deadline_date(phrase, 2026) is None


def test_month_ends_and_five_year_plans() -> None:
    assert month_end(2028, 2) == date(2028, 2, 29)
    assert month_end(2026, 2) == date(2026, 2, 28)
    assert five_year_plan_end("一、“十五五”时期主要目标") == 2030
    assert five_year_plan_end("一、主要目标") is None
