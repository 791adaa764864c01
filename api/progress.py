"""API for what is due and for progress reports (issue 6): thin adapters over progress.services.

Each endpoint calls the same access helper and service as its page: no business rule lives here.

Errors come back as JSON with a list of messages per field ({"text": ["…"]}); a report someone else
changed meanwhile is a 409 carrying the current version ({"detail": "…", "current": {…}}): the one
exception handler, api.errors, turns the services' refusals into these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from api.serializers_progress import (
    CoInputCreatedSerializer,
    CoInputInSerializer,
    ConflictSerializer,
    DueSerializer,
    NoChangeInSerializer,
    ReportInSerializer,
    ReportOutSerializer,
    ReviewInSerializer,
    SignOffInSerializer,
)
from progress import clock, services
from progress.access import Action, access_report, access_task_for, reporting_for
from progress.due import DueRow, due_for, due_rendered
from progress.models import ProgressReport

# ---- views ---------------------------------------------------------------------------------------------


@extend_schema(responses=DueSerializer, summary="Everything due for my units: one item per task and period")
@api_view(["GET"])
def me_due(request: Request) -> Response | HttpResponse:
    # The items are plain values already (progress.due); DueSerializer documents them. Serialising a few
    # hundred items field by field through it would cost more than reading them. As JSON the answer is kept
    # beside the user's list (progress.due.due_rendered) for as long as the list holds.
    today = clock.today()
    if request.accepted_renderer.format == "json":
        renderer = request.accepted_renderer
        body = due_rendered(
            request.user,
            today=today,
            name="api-json",
            render=lambda rows: _as_bytes(renderer.render(_due_payload(rows, today))),
        )
        return HttpResponse(body, content_type="application/json")
    return Response(_due_payload(due_for(request.user, today=today), today))


def _as_bytes(body: str | bytes) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


def _due_payload(rows: list[DueRow], today: dt.date) -> dict[str, Any]:
    items = [
        {
            "task_id": row.item.task_id,
            "period_id": row.item.period_id,
            "unit_id": row.item.unit_id,
            "kind": row.item.kind,
            "due_date": row.due,
            "overdue": row.item.overdue,
            "action": row.item.action,
            "report_id": row.item.report_id,
            "also_co": row.item.also_co,
            "no_change": row.item.no_change,
            "review_comment": row.report.review_comment if row.item.action == "fix" and row.report else "",
            "task_seq": row.task.seq,
            "task_text": row.task.text,
            "period_label": row.label,
        }
        for row in rows
    ]
    return {"today": today.isoformat(), "items": items}


@extend_schema(
    request=ReportInSerializer,
    responses={
        201: ReportOutSerializer,
        200: ReportOutSerializer,
        400: OpenApiResponse(description="a message per field"),
        409: ConflictSerializer,
    },
    summary="File the lead unit's report for a period, or a new version of it",
)
@api_view(["POST"])
def file_report(request: Request, task_id: int) -> Response:
    data, r, unit = _lead_filing(request, task_id, ReportInSerializer)
    return _filed(
        lambda: services.file_report(
            task=r.task,
            unit=unit,
            period=r.period,
            by=request.user,
            status=data["status"],
            percent=data["percent"],
            text=data["text"],
            readings={x["indicator_id"]: (x.get("value"), x.get("note") or "") for x in data["readings"]},
            version=data.get("version"),
        )
    )


def _lead_filing(request: Request, task_id: int, body_class: type[serializers.Serializer[Any]]) -> Any:
    """Access for the lead unit's liaison, then the body: (validated data, reporting access, unit)."""
    task, unit_ids = access_task_for(request.user, task_id, for_action=Action.FILE)
    body = body_class(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    r = reporting_for(task, data["period_id"], unit_ids)
    assert r.unit is not None
    return data, r, r.unit


def _filed(save: Callable[[], ProgressReport]) -> Response:
    """Run a filing service; 201 for a new report, 200 for a new version (refusals: api.errors)."""
    report = save()
    code = status.HTTP_201_CREATED if report.version == 1 else status.HTTP_200_OK
    return Response(ReportOutSerializer(report).data, status=code)


@extend_schema(
    responses=ReportOutSerializer, summary="A report with its readings, co-unit input and versions"
)
@api_view(["GET"])
def report_detail(request: Request, report_id: int) -> Response:
    report = access_report(request.user, report_id, for_action=Action.READ)
    return Response(ReportOutSerializer(report).data)


def _review(request: Request, report_id: int, verb: str) -> Response:
    report = access_report(request.user, report_id, for_action=Action.REVIEW)
    body = ReviewInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    action = services.accept_report if verb == "accept" else services.return_report
    report = action(report=report, by=request.user, version=data.get("version"), comment=data["comment"])
    return Response(ReportOutSerializer(report).data)


@extend_schema(
    request=ReviewInSerializer,
    responses={200: ReportOutSerializer, 409: ConflictSerializer},
    summary="Accept a filed report (supervision office)",
)
@api_view(["POST"])
def accept(request: Request, report_id: int) -> Response:
    return _review(request, report_id, "accept")


@extend_schema(
    request=ReviewInSerializer,
    responses={
        200: ReportOutSerializer,
        400: OpenApiResponse(description="comment missing"),
        409: ConflictSerializer,
    },
    summary="Return a filed report to the unit with a comment (supervision office)",
)
@api_view(["POST"])
def return_report(request: Request, report_id: int) -> Response:
    return _review(request, report_id, "return")


@extend_schema(
    request=SignOffInSerializer,
    responses={
        200: ReportOutSerializer,
        400: OpenApiResponse(description="version missing"),
        409: ConflictSerializer,
    },
    summary="Sign off a report waiting for it; it goes to the supervision office (unit leader)",
)
@api_view(["POST"])
def sign_off(request: Request, report_id: int) -> Response:
    report = access_report(request.user, report_id, for_action=Action.SIGN_OFF)
    body = SignOffInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    report = services.sign_off(report=report, by=request.user, version=body.validated_data["version"])
    return Response(ReportOutSerializer(report).data)


@extend_schema(
    request=CoInputInSerializer,
    responses={
        201: CoInputCreatedSerializer,
        400: OpenApiResponse(description="a message per field"),
        409: OpenApiResponse(description="the period's review is closed"),
    },
    summary="Add a co-unit's part to the lead unit's report for a period (liaison of a co-unit)",
)
@api_view(["POST"])
def co_input(request: Request, task_id: int) -> Response:
    task, unit_ids = access_task_for(request.user, task_id, for_action=Action.CO_INPUT)
    body = CoInputInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    r = reporting_for(task, data["period_id"], unit_ids)
    assert r.unit is not None
    co = services.add_co_input(task=r.task, period=r.period, unit=r.unit, by=request.user, text=data["text"])
    return Response(CoInputCreatedSerializer(co).data, status=status.HTTP_201_CREATED)


@extend_schema(
    request=NoChangeInSerializer,
    responses={
        201: ReportOutSerializer,
        200: ReportOutSerializer,
        400: OpenApiResponse(description="a summary period, or no earlier report to confirm"),
        409: ConflictSerializer,
    },
    summary="Confirm that nothing changed this month: last period's report is filed again",
)
@api_view(["POST"])
def no_change(request: Request, task_id: int) -> Response:
    data, r, unit = _lead_filing(request, task_id, NoChangeInSerializer)
    return _filed(
        lambda: services.confirm_no_change(
            task=r.task, unit=unit, period=r.period, by=request.user, version=data.get("version")
        )
    )


urlpatterns = [
    path("me/due", me_due, name="api-me-due"),
    path("tasks/<int:task_id>/reports", file_report, name="api-task-reports"),
    path("tasks/<int:task_id>/co-input", co_input, name="api-task-co-input"),
    path("tasks/<int:task_id>/no-change", no_change, name="api-task-no-change"),
    path("reports/<int:report_id>", report_detail, name="api-report"),
    path("reports/<int:report_id>/accept", accept, name="api-report-accept"),
    path("reports/<int:report_id>/return", return_report, name="api-report-return"),
    path("reports/<int:report_id>/sign-off", sign_off, name="api-report-sign-off"),
]
