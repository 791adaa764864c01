"""Who may read which score. The office, district leaders and observers of the region read every unit's;
a unit reads only its own, and only once the office has published the result; the public reads nothing
unless the office publishes the result to it. Not yours: 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from assessment.models import Assessment, Score
from orgs.roles import roles_of
from targets.access import access_plan, can_supervise
from targets.models import Plan

SHOWN_TO_UNITS = (Assessment.State.PUBLISHED, Assessment.State.FROZEN)


def reads_all(user: Any, plan: Plan) -> bool:
    roles = roles_of(user)
    return (
        roles.is_admin or plan.region_id in roles.readable_regions or plan.region_id in roles.leader_regions
    )


def visible_scores(user: Any, plan_id: int) -> tuple[Plan, QuerySet[Score]]:
    """The plan and the scores of it the user may read (an empty set before there is a result)."""
    plan = access_plan(user, plan_id)
    scores = Score.objects.filter(assessment__plan=plan).select_related("unit", "assessment")
    if reads_all(user, plan):
        return plan, scores
    own = roles_of(user).member_units
    return plan, scores.filter(unit_id__in=own, assessment__state__in=SHOWN_TO_UNITS)


def access_score(user: Any, plan_id: int, unit_id: int) -> Score:
    _plan, scores = visible_scores(user, plan_id)
    score = scores.filter(unit_id=unit_id).first()
    if score is None:
        raise Http404
    return score


def access_assessment_for_office(user: Any, plan_id: int) -> Assessment | None:
    """The plan's assessment for the office that runs it (404 for anyone else)."""
    plan = access_plan(user, plan_id)
    if not can_supervise(user, plan):
        raise Http404
    return Assessment.objects.filter(plan=plan).first()


def own_units(user: Any) -> frozenset[int]:
    return roles_of(user).member_units
