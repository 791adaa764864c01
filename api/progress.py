"""API for what is due and for progress reports (issue 6): thin adapters over progress.services.

Each endpoint calls the same access helper and service as its page: no business rule lives here.

Errors come back as JSON with a list of messages per field ({"text": ["…"]}); a report someone else
changed meanwhile is a 409 carrying the current version ({"detail": "…", "current": {…}}).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from progress import clock, services
from progress.access import Action, access_report, access_reporting, access_task_for
from progress.due import due_for
from progress.models import CoInput, ProgressReport
from progress.services import ReportChanged, ReportInvalid, ReportStateError

# ---- serializers ---------------------------------------------------------------------------------------


class DueItemSerializer(serializers.Serializer[Any]):
    task_id = serializers.IntegerField()
    period_id = serializers.IntegerField()
    unit_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["month", "quarter", "half_year", "year"])
    due_date = serializers.DateField()
    overdue = serializers.BooleanField()
    action = serializers.ChoiceField(
        choices=["file", "fix", "co_input", "sign_off"],
        help_text="file a report, fix a returned one, add co-unit input, or sign off",
    )
    report_id = serializers.IntegerField(allow_null=True)
    task_seq = serializers.IntegerField()
    task_text = serializers.CharField()
    period_label = serializers.CharField()


class DueSerializer(serializers.Serializer[Any]):
    today = serializers.DateField()
    items = DueItemSerializer(many=True)


class ReadingInSerializer(serializers.Serializer[Any]):
    indicator_id = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True, required=False)
    note = serializers.CharField(allow_blank=True, required=False, max_length=255, default="")


class ReportInSerializer(serializers.Serializer[Any]):
    period_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ProgressReport.Status.values)
    percent = serializers.IntegerField(min_value=0, max_value=100)
    text = serializers.CharField(allow_blank=True, trim_whitespace=True)
    readings = ReadingInSerializer(many=True, required=False, default=list)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="the version you are changing; leave out when filing the period's first report",
    )


class ReviewInSerializer(serializers.Serializer[Any]):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False, allow_null=True, help_text="the version you reviewed; refused if it changed since"
    )


class SignOffInSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        help_text="the version you read; refused if the liaison changed the report since"
    )


class CoInputInSerializer(serializers.Serializer[Any]):
    period_id = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True, trim_whitespace=True)


class NoChangeInSerializer(serializers.Serializer[Any]):
    period_id = serializers.IntegerField()
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="the version you are replacing; leave out when the period has no report yet",
    )


class ReadingOutSerializer(serializers.Serializer[Any]):
    indicator_id = serializers.IntegerField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    note = serializers.CharField()


class VersionOutSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    action = serializers.CharField()
    state = serializers.CharField()
    status = serializers.CharField()
    percent = serializers.IntegerField()
    text = serializers.CharField()
    comment = serializers.CharField()
    by = serializers.CharField(source="by_name")
    at = serializers.DateTimeField()


class CoInputOutSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField(source="unit.name")
    text = serializers.CharField()
    at = serializers.DateTimeField()


class CoInputCreatedSerializer(CoInputOutSerializer):
    id = serializers.IntegerField()
    task_id = serializers.IntegerField()
    period_id = serializers.IntegerField()


class ReportOutSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    task_id = serializers.IntegerField()
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField(source="unit.name")
    period_id = serializers.IntegerField()
    period_kind = serializers.CharField(source="period.kind")
    status = serializers.CharField()
    percent = serializers.IntegerField()
    text = serializers.CharField()
    no_change = serializers.BooleanField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    filed_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_comment = serializers.CharField()
    readings = serializers.SerializerMethodField()
    co_inputs = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    def get_readings(self, report: ProgressReport) -> list[dict[str, Any]]:
        return [
            {"indicator_id": r.indicator_id, "name": r.indicator.name, "value": r.value, "note": r.note}
            for r in report.readings.select_related("indicator")
        ]

    def get_co_inputs(self, report: ProgressReport) -> list[dict[str, Any]]:
        rows = CoInput.objects.filter(task_id=report.task_id, period_id=report.period_id).select_related(
            "unit"
        )
        return CoInputOutSerializer(rows, many=True).data  # type: ignore[return-value]

    def get_versions(self, report: ProgressReport) -> list[dict[str, Any]]:
        return VersionOutSerializer(report.versions.order_by("number"), many=True).data  # type: ignore[return-value]


class ConflictSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    current = ReportOutSerializer(required=False)


# ---- helpers -------------------------------------------------------------------------------------------


def _field_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {("non_field_errors" if k == "__all__" else k): v for k, v in errors.items()}


def _conflict(e: ReportChanged) -> Response:
    return Response(
        {
            "detail": str(services.CONFLICT_MESSAGE),
            "current": ReportOutSerializer(e.current).data,
        },
        status=status.HTTP_409_CONFLICT,
    )


def _state_error(e: ReportStateError) -> Response:
    return Response({"detail": e.message}, status=status.HTTP_409_CONFLICT)


# ---- views ---------------------------------------------------------------------------------------------


@extend_schema(responses=DueSerializer, summary="Everything due for my units, soonest first")
@api_view(["GET"])
def me_due(request: Request) -> Response:
    today = clock.today()
    items = [
        {
            **{
                f: getattr(row.item, f)
                for f in ("task_id", "period_id", "unit_id", "kind", "due_date", "overdue")
            },
            "action": row.item.action,
            "report_id": row.item.report_id,
            "task_seq": row.task.seq,
            "task_text": row.task.text,
            "period_label": row.period.label,
        }
        for row in due_for(request.user, today=today)
    ]
    return Response(DueSerializer({"today": today, "items": items}).data)


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
    access_task_for(request.user, task_id, for_action=Action.FILE)
    body = body_class(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    r = access_reporting(request.user, task_id, data["period_id"], for_action=Action.FILE)
    assert r.unit is not None  # noqa: S101 -- narrows the type: access_reporting for FILE/CO_INPUT returns the user's unit or raises 403
    return data, r, r.unit


def _filed(save: Callable[[], ProgressReport]) -> Response:
    """Run a filing service; 201 for a new report, 200 for a new version, the service's refusals as JSON."""
    try:
        report = save()
    except ReportInvalid as e:
        raise ValidationError(_field_errors(e.errors)) from None
    except ReportChanged as e:
        return _conflict(e)
    except ReportStateError as e:
        return _state_error(e)
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
    try:
        if verb == "accept":
            report = services.accept_report(
                report=report, by=request.user, version=data.get("version"), comment=data["comment"]
            )
        else:
            report = services.return_report(
                report=report, by=request.user, version=data.get("version"), comment=data["comment"]
            )
    except ReportInvalid as e:
        raise ValidationError(_field_errors(e.errors)) from None
    except ReportChanged as e:
        return _conflict(e)
    except ReportStateError as e:
        return _state_error(e)
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
    try:
        report = services.sign_off(report=report, by=request.user, version=body.validated_data["version"])
    except ReportChanged as e:
        return _conflict(e)
    except ReportStateError as e:
        return _state_error(e)
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
    access_task_for(request.user, task_id, for_action=Action.CO_INPUT)
    body = CoInputInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    r = access_reporting(request.user, task_id, data["period_id"], for_action=Action.CO_INPUT)
    assert r.unit is not None  # noqa: S101 -- narrows the type: access_reporting for FILE/CO_INPUT returns the user's unit or raises 403
    try:
        co = services.add_co_input(
            task=r.task, period=r.period, unit=r.unit, by=request.user, text=data["text"]
        )
    except ReportInvalid as e:
        raise ValidationError(_field_errors(e.errors)) from None
    except ReportStateError as e:
        return _state_error(e)
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
