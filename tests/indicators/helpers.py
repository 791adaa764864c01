"""Small helpers for the indicator tests: read a sentence the way the extractor's callers do."""

from __future__ import annotations

from taskdoc.indicators import indicators
from taskdoc.model import Indicator

PLAN_YEAR = 2026


def read(text: str, *, default_target_year: int | None = None) -> tuple[Indicator, ...]:
    return indicators(text, plan_year=PLAN_YEAR, default_target_year=default_target_year)


def only(text: str, *, default_target_year: int | None = None) -> Indicator:
    """The one indicator of text (the test fails if there isn't exactly one)."""
    found = read(text, default_target_year=default_target_year)
    assert len(found) == 1, found
    return found[0]


def triples(text: str) -> list[tuple[str, float | None, str | None]]:
    """(kind, value, unit) of each indicator, in text order."""
    return [(i.kind, i.value, i.unit) for i in read(text)]
