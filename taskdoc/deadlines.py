"""Deadline phrases of Chinese documents read as dates: 2026年6月底前, 9月30日前, 年底, 三季度末, 上半年.

`deadline_date` gives the last day a phrase allows, or None when the phrase names no date (长期坚持,
持续推进). A date that does not exist (6月31日) gives the end of its month.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from taskdoc.normalize import fold, squash

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_FULL = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(?:(\d{1,2})日|底|末|中旬|上旬|下旬)?")
_NUMERIC = re.compile(r"((?:19|20)\d\d)[-./](\d{1,2})(?:[-./](\d{1,2}))?")
_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?(?:(\d{1,2})日|底|末|中旬|上旬|下旬)?")
_QUARTER = re.compile(r"(?:第)?([一二三四1-4])季度")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_MID_MONTH = {"上旬": 10, "中旬": 20}
_MONTHS = 12
_QUARTERS = 4


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_date(phrase: str, plan_year: int) -> date | None:
    """The last day `phrase` allows, in the plan's year unless the phrase names another."""
    text = squash(fold(phrase or ""))
    if not text:
        return None
    found = _FULL.search(text) or _NUMERIC.search(text)
    if found:
        return _day(int(found.group(1)), int(found.group(2)), found.group(3), found.group(0))
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else plan_year
    if _MONTH.search(text) or _QUARTER.search(text):
        return _month_or_quarter(text, year)
    if "上半年" in text:
        return date(year, 6, 30)
    if any(word in text for word in ("年底", "年末", "年内", "全年", "下半年", "年度")) or year_match:
        return date(year, 12, 31)
    return None


def _month_or_quarter(text: str, year: int) -> date | None:
    month = _MONTH.search(text)
    if month:
        number = _number(month.group(1))
        return _day(year, number, month.group(2), month.group(0)) if number else None
    quarter = _QUARTER.search(text)
    q = _number(quarter.group(1)) if quarter else None
    return month_end(year, 3 * q) if q and 1 <= q <= _QUARTERS else None


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    return _CN_DIGITS.get(text)


def _day(year: int, month: int, day: str | None, phrase: str) -> date | None:
    if not 1 <= month <= _MONTHS:
        return None
    last = month_end(year, month)
    if day:
        return date(year, month, min(int(day), last.day)) if int(day) >= 1 else None
    for word, value in _MID_MONTH.items():
        if word in phrase:
            return date(year, month, value)
    return last


FIVE_YEAR_PLANS = {"十四五": 2025, "十五五": 2030, "十六五": 2035}


def five_year_plan_end(title: str) -> int | None:
    """The last year of the five-year plan a heading names ('“十五五”时期主要目标' → 2030), else None."""
    return next((end for name, end in FIVE_YEAR_PLANS.items() if name in fold(title)), None)
