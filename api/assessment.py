"""API for the annual assessment: every unit's score of a plan, and one unit's explanation point by point."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.access import access_score, visible_scores


class UnitRef(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ScoreRow(serializers.Serializer[Any]):
    unit = UnitRef()
    group = serializers.CharField()
    total = serializers.FloatField()
    grade = serializers.CharField()
    rank = serializers.IntegerField()
    components = serializers.DictField(child=serializers.FloatField())
    state = serializers.CharField()


class Line(serializers.Serializer[Any]):
    task_id = serializers.IntegerField(allow_null=True)
    rule = serializers.CharField()
    points = serializers.FloatField()
    reason = serializers.CharField()


class Explanation(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    unit = UnitRef()
    total = serializers.FloatField()
    grade = serializers.CharField()
    rank = serializers.IntegerField()
    group = serializers.CharField()
    lines = Line(many=True)


class ScoreList(APIView):
    """Every unit's score of a plan the caller may read: the office, leaders and observers see all; a unit
    sees its own once the result is published."""

    @extend_schema(responses={200: ScoreRow(many=True)})
    def get(self, request: Request, plan_id: int) -> Response:
        _plan, scores = visible_scores(request.user, plan_id)
        rows = [
            {
                "unit": {"id": s.unit_id, "name": s.unit.name},
                "group": s.group,
                "total": float(s.total),
                "grade": s.grade,
                "rank": s.rank,
                "components": s.components,
                "state": s.assessment.state,
            }
            for s in scores.order_by("group", "rank", "unit__name")
        ]
        return Response(ScoreRow(rows, many=True).data)


class ScoreDetail(APIView):
    """One unit's score explained: the lines (task, rule, points, reason) add up to the total."""

    @extend_schema(responses={200: Explanation})
    def get(self, request: Request, plan_id: int, unit_id: int) -> Response:
        s = access_score(request.user, plan_id, unit_id)
        return Response(
            Explanation(
                {
                    "unit_id": s.unit_id,
                    "unit": {"id": s.unit_id, "name": s.unit.name},
                    "total": float(s.total),
                    "grade": s.grade,
                    "rank": s.rank,
                    "group": s.group,
                    "lines": s.lines,
                }
            ).data
        )


urlpatterns = [
    path("plans/<int:plan_id>/scores", ScoreList.as_view(), name="api-scores"),
    path("plans/<int:plan_id>/scores/<int:unit_id>", ScoreDetail.as_view(), name="api-score"),
]
