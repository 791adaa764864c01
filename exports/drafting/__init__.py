"""Documents drafted from the data by rules, in Chinese, with no outside service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext as _

from assessment.models import Score
from exports.drafting import annual, bulletin, half_year
from exports.drafting.annual import UnitScore
from exports.drafting.content import Content
from exports.drafting.facts import Window, gather, last_quarter, parse_period, quarter_window
from targets.models import Plan

KINDS = ("bulletin", "half_year", "annual")
__all__ = ["KINDS", "DraftError", "UnitScore", "Window", "draft_content", "window_for"]


class DraftError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def window_for(kind: str, plan: Plan, period: str, *, today: dt.date) -> Window:
    """The window a document covers: a bulletin's quarter (default the last that ended), the first half,
    or the plan's year."""
    if kind == "half_year":
        return parse_period("H1", plan.year)
    if kind == "annual":
        return parse_period("year", plan.year)
    if not period:
        return quarter_window(plan.year, last_quarter(plan.year, today))
    try:
        window = parse_period(period, plan.year)
    except ValueError:
        raise DraftError(_("Give the quarter as Q1–Q4 (e.g. 2026Q3).")) from None
    if window.quarter is None or window.year != plan.year:
        raise DraftError(_("Give a quarter of the plan's year (e.g. %(year)sQ3).") % {"year": plan.year})
    return window


def draft_content(
    kind: str,
    plan: Plan,
    *,
    period: str = "",
    today: dt.date,
    scores: Sequence[UnitScore] | None = None,
) -> Content:
    if kind not in KINDS:
        raise DraftError(_("Unknown kind of document; choose bulletin, half_year or annual."))
    window = window_for(kind, plan, period, today=today)
    facts = gather(plan, window, today=today)
    if kind == "bulletin":
        return bulletin.draft(facts, today=today)
    if kind == "half_year":
        return half_year.draft(facts, today=today)
    if scores is None:
        scores = assessed_scores(plan)
    return annual.draft(facts, today=today, scores=scores)


def assessed_scores(plan: Plan) -> list[UnitScore] | None:
    """The plan's assessment result (assessment app) as the annual notice takes it; None before assessing."""
    rows = list(Score.objects.filter(assessment__plan=plan).select_related("unit").order_by("group", "rank"))
    if not rows:
        return None
    return [
        UnitScore(unit=s.unit.name, group=s.group, total=float(s.total), grade=s.grade, rank=s.rank)
        for s in rows
    ]
