"""Target years: from a section heading (“十五五”工作目标 → 2030) and from the sentence (至2030年, 全年)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from taskdoc.indicators.numbers import parse_chinese, plan_end_year

# 十五五 (or 十四五, 十六五): a Chinese ordinal followed by 五, the "five-year" of the plan's name.
_PLAN = re.compile(
    r"(?<![一二三四五六七八九十])(?P<ordinal>[二三四五六七八九]?十[一二三四五六七八九]|[三四五六七八九])五(?=[”\"’]|规划|时期|期间|末|工作|目标|发展)"
)
_GOALS_HEADING = re.compile(r"目标|指标|规划|期间|时期|末")
_NOT_GOALS = re.compile(r"开局|起步|首年|第一年|回顾")
_YEAR_IN_HEADING = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"(?<!\d)(?:(?P<from>(?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*)?(?P<year>(?:19|20)\d{2})\s*年")
# A year that is the base of a comparison (比2020年翻一番) is not a target year.
_BASE_BEFORE = re.compile(r"(?:比|较|与|同|自|从|以|相对)\s*$")
_BASE_AFTER = re.compile(r"(?:底|末)?(?:相比|比|基础上|为基数|水平上|同期|以来)")
_PERIOD_AFTER = re.compile(r"[”\"’]?(?:期间|末|时期|规划期)")
_THIS_YEAR_HEADING = re.compile(r"今年|本年|年度")
_THIS_YEAR = re.compile(r"全年|今年|年内|本年度?|当年")


def plan_end_year_in(text: str) -> int | None:
    """The end year of the five-year plan named in text (“十五五” → 2030), if any."""
    match = _PLAN.search(text)
    return None if match is None else _end_year(match)


def _end_year(match: re.Match[str]) -> int | None:
    ordinal = parse_chinese(match["ordinal"])
    return None if ordinal is None else plan_end_year(int(ordinal))


def target_year_for_section(section: tuple[str, ...], plan_year: int) -> int | None:
    """The year a section's targets are for, innermost heading first; None when the headings don't say.

    A heading about a five-year plan's goals gives the plan's end year (十四五 → 2025, 十五五 → 2030);
    a goals heading with a year written in it (2026年主要经济社会发展预期目标) gives that year, and one
    that says 今年/年度 gives the plan year.
    """
    for heading in reversed(section):
        if not _GOALS_HEADING.search(heading) or _NOT_GOALS.search(heading):
            continue
        end_year = plan_end_year_in(heading)
        if end_year is not None:
            return end_year
        if re.search(r"目标|指标", heading):
            year = _YEAR_IN_HEADING.search(heading)
            if year is not None:
                return int(year.group(1))
            if _THIS_YEAR_HEADING.search(heading):
                return plan_year
    return None


@dataclass(frozen=True)
class YearMarks:
    """The places in a sentence where a target year is said, and the year each one sets."""

    positions: tuple[int, ...]
    years: tuple[int, ...]
    default: int

    def at(self, position: int) -> int:
        """The target year for a target at position: the last year said before it, else the default."""
        index = bisect_right(self.positions, position) - 1
        return self.years[index] if index >= 0 else self.default


def year_marks(norm: str, start: int, end: int, *, plan_year: int, default: int) -> YearMarks:
    """Collect explicit years (至2030年, 2026-2030年), plan periods (“十五五”期间) and 全年 in a sentence."""
    marks: list[tuple[int, int]] = []
    for m in _YEAR.finditer(norm, start, end):
        before = norm[max(start, m.start() - 3) : m.start()]
        if _BASE_BEFORE.search(before) or _BASE_AFTER.match(norm, m.end(), end):
            continue
        marks.append((m.end(), int(m["year"])))
    for m in _PLAN.finditer(norm, start, end):
        year = _end_year(m)
        if year is not None and _PERIOD_AFTER.match(norm, m.end(), end):
            marks.append((m.end(), year))
    marks.extend((m.end(), plan_year) for m in _THIS_YEAR.finditer(norm, start, end))
    marks.sort()
    return YearMarks(tuple(p for p, _ in marks), tuple(y for _, y in marks), default)
