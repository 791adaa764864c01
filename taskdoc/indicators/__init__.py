"""Quantitative targets (指标) in task sentences, and where they should stand on a date.

    >>> indicators("新增城镇就业2700人以上", plan_year=2026)
    (Indicator(name='新增城镇就业', kind='level', comparator='>=', value=2700.0, unit='人', target_year=2026, ...),)

Pure Python: no Django, no segmenter. The rules are about the language of targets (verbs, comparators,
classifiers and number forms), not about any one document; see tests/data/gold/INDICATORS.md.
"""

from __future__ import annotations

from taskdoc.indicators.extract import extract
from taskdoc.indicators.trajectory import expected
from taskdoc.indicators.years import target_year_for_section
from taskdoc.model import Indicator

__all__ = ["expected", "indicators", "target_year_for_section"]


def indicators(text: str, *, plan_year: int, default_target_year: int | None = None) -> tuple[Indicator, ...]:
    """The indicators of one task sentence, in text order; () when it has none.

    default_target_year is the year the enclosing section implies (2030 for a “十五五” goals section,
    see target_year_for_section); a year said in the sentence (至2030年, 全年) wins over it. Without
    either, targets are for plan_year.
    """
    default = plan_year if default_target_year is None else default_target_year
    return extract(text, plan_year=plan_year, default_year=default)
