"""API for the supervision loop (issue 11): notices (督办单), their documents, answers, closing, extensions.

Thin adapters over supervision.access and supervision.services; errors are JSON with messages per field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from exports.notice_doc import NoticeDocData, render_notice
from orgs.roles import roles_of
from progress import clock
from progress.access import Action as ProgressAction
from progress.access import access_task_for
from supervision import services
from supervision.access import Action, access_extension, access_notice, visible_notices
from supervision.casefile import case_file
from supervision.models import Extension, Notice
from supervision.services import SupervisionError
from targets.access import access_task


class NoticeSerializer(serializers.ModelSerializer[Notice]):
    task_id = serializers.IntegerField(read_only=True)
    task_seq = serializers.IntegerField(source="task.seq", read_only=True)
    plan_id = serializers.IntegerField(source="task.plan_id", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True, help_text="the unit's name")
    unit_id = serializers.IntegerField(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Notice
        fields = [
            "id",
            "number",
            "task_id",
            "task_seq",
            "plan_id",
            "unit",
            "unit_id",
            "level",
            "rule",
            "state",
            "proposed_on",
            "issued_on",
            "answer_due",
            "reasons",
            "answer_text",
            "answered_on",
            "review_comment",
            "close_text",
            "closed_on",
            "close_similar_to",
            "version",
        ]


class AnswerInSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="the liaison's answer (goes to the unit's 分管领导)",
    )
    approve = serializers.BooleanField(
        required=False, default=False, help_text="the unit's 分管领导 approves the pending answer"
    )


class CloseInSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True)
    checklist = serializers.ListField(child=serializers.CharField(), help_text="the checklist items ticked")


class ExtensionInSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField(
        required=False, allow_null=True, help_text="your lead unit on the task (when you act for several)"
    )
    new_date = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)
    progress = serializers.CharField(allow_blank=True)


class ExtensionSerializer(serializers.ModelSerializer[Extension]):
    class Meta:
        model = Extension
        fields = ["id", "task", "unit", "old_date", "new_date", "reason", "progress", "state", "requested_on"]


def _int(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value))
    except ValueError:
        raise ValidationError({name: ["请填写数字编号。"]}) from None


def _filtered(request: Request) -> QuerySet[Notice]:
    qs = visible_notices(request.user).order_by("region_id", "year", "seq_no", "pk")
    for param, field in (("plan", "task__plan_id"), ("unit", "unit_id"), ("level", "level")):
        value = _int(request.query_params.get(param), param)
        if value is not None:
            qs = qs.filter(**{field: value})
    state = request.query_params.get("state")
    if state:
        qs = qs.filter(state=state)
    return qs


@extend_schema(
    parameters=[
        OpenApiParameter("plan", int, description="plan id"),
        OpenApiParameter("unit", int, description="unit id"),
        OpenApiParameter("level", int, description="1–4"),
        OpenApiParameter("state", str, enum=Notice.State.values),
    ],
    responses=NoticeSerializer(many=True),
)
@api_view(["GET"])
def notice_list(request: Request) -> Response:
    """The notices the caller may read (units: their own, once issued; the office: all, drafts included)."""
    return Response(NoticeSerializer(_filtered(request), many=True).data)


@extend_schema(responses=NoticeSerializer)
@api_view(["GET"])
def notice_detail(request: Request, notice_id: int) -> Response:
    return Response(NoticeSerializer(access_notice(request.user, notice_id)).data)


def doc_data(notice: Notice) -> NoticeDocData:
    return NoticeDocData(
        number=notice.number,
        region=notice.region.name,
        unit=notice.unit.name,
        task_seq=notice.task.seq,
        task_text=notice.task.text,
        reasons=list(notice.reasons),
        level=notice.level,
        issued_on=notice.issued_on or notice.proposed_on,
        answer_due=notice.answer_due or notice.proposed_on,
        issuer=f"{notice.region.name}人民政府督查室",
    )


@extend_schema(
    responses={
        (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY
    }
)
@api_view(["GET"])
def notice_document(request: Request, notice_id: int) -> HttpResponse:
    """The notice as a .docx in 公文 layout."""
    notice = access_notice(request.user, notice_id)
    content = render_notice(doc_data(notice))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"notice-{notice.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _act(fn: Any) -> Response:
    try:
        notice = fn()
    except SupervisionError as e:
        return Response(e.errors, status=status.HTTP_400_BAD_REQUEST)
    return Response(NoticeSerializer(notice).data)


@extend_schema(
    request=AnswerInSerializer,
    responses={200: NoticeSerializer, 400: OpenApiResponse(description="messages per field")},
)
@api_view(["POST"])
def notice_answer(request: Request, notice_id: int) -> Response:
    """The liaison answers (text); the unit's 分管领导 approves it (approve: true)."""
    body = AnswerInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    if body.validated_data["approve"]:
        notice = access_notice(request.user, notice_id, for_action=Action.APPROVE)
        return _act(lambda: services.approve_answer(notice=notice, by=request.user))
    notice = access_notice(request.user, notice_id, for_action=Action.ANSWER)
    return _act(
        lambda: services.answer_notice(
            notice=notice, by=request.user, text=body.validated_data["text"], today=clock.today()
        )
    )


@extend_schema(
    request=CloseInSerializer,
    responses={200: NoticeSerializer, 400: OpenApiResponse(description="messages per field")},
)
@api_view(["POST"])
def notice_close(request: Request, notice_id: int) -> Response:
    """办结 by the office against the checklist; `close_similar_to` flags nearly identical closing texts."""
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    body = CloseInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    return _act(
        lambda: services.close_notice(
            notice=notice,
            by=request.user,
            text=body.validated_data["text"],
            checklist=body.validated_data["checklist"],
            today=clock.today(),
        )
    )


@extend_schema(
    request=ExtensionInSerializer,
    responses={201: ExtensionSerializer, 400: OpenApiResponse(description="messages per field")},
)
@api_view(["POST"])
def task_extensions(request: Request, task_id: int) -> Response:
    """The lead unit's liaison asks for an extension (≥3 working days before the due date)."""
    task, units = access_task_for(request.user, task_id, for_action=ProgressAction.FILE)
    body = ExtensionInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    unit_id = body.validated_data.get("unit_id") or units[0]
    if unit_id not in units:
        return Response({"unit_id": ["你不是该单位的联络员。"]}, status=status.HTTP_400_BAD_REQUEST)
    try:
        ext = services.request_extension(
            task=task,
            unit_id=unit_id,
            by=request.user,
            reason=body.validated_data["reason"],
            new_date=body.validated_data["new_date"],
            progress=body.validated_data["progress"],
            today=clock.today(),
        )
    except SupervisionError as e:
        return Response(e.errors, status=status.HTTP_400_BAD_REQUEST)
    return Response(ExtensionSerializer(ext).data, status=status.HTTP_201_CREATED)


@extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
@api_view(["GET"])
def task_case_file(request: Request, task_id: int) -> HttpResponse:
    """The L4 case file (office only): timeline, reports, notices with their .docx, answers, interviews, the
    audit extract and manifest.json with the SHA-256 of every file."""
    task = access_task(request.user, task_id)
    if not roles_of(request.user).supervises(task.plan.region_id):
        raise PermissionDenied
    content = case_file(task=task, render=lambda n: render_notice(doc_data(n)))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="case-{task.pk}.zip"'
    return response


class DecisionInSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["issue", "dismiss", "accept", "return"])
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="why (required to dismiss, to return, and to issue L3/L4)",
    )


class ExtensionDecisionInSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(
        choices=["approve", "reject"],
        required=False,
        default="approve",
        help_text="the office's decision (the unit leader only approves)",
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class TaskChangeInSerializer(serializers.Serializer[Any]):
    color = serializers.ChoiceField(choices=["green", "amber", "red", "grey"], required=False)
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    tags = serializers.ListField(child=serializers.CharField(), required=False)


@extend_schema(
    request=DecisionInSerializer,
    responses={200: NoticeSerializer, 400: OpenApiResponse(description="messages per field")},
)
@api_view(["POST"])
def notice_decide(request: Request, notice_id: int) -> Response:
    """The office issues or dismisses a draft, accepts or returns an answer."""
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    body = DecisionInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    decision, reason, today = body.validated_data["decision"], body.validated_data["reason"], clock.today()
    actions = {
        "issue": lambda: services.issue_notice(notice=notice, by=request.user, today=today, reason=reason),
        "dismiss": lambda: services.dismiss_notice(notice=notice, by=request.user, reason=reason),
        "accept": lambda: services.review_answer(notice=notice, by=request.user, accept=True, comment=reason),
        "return": lambda: services.review_answer(
            notice=notice, by=request.user, accept=False, comment=reason
        ),
    }
    return _act(actions[decision])


@extend_schema(
    request=ExtensionDecisionInSerializer,
    responses={200: ExtensionSerializer, 400: OpenApiResponse(description="messages per field")},
)
@api_view(["POST"])
def extension_decide(request: Request, extension_id: int) -> Response:
    """The unit's 分管领导 approves the request; then the office approves or rejects it."""
    ext = access_extension(request.user, extension_id, for_action=Action.READ)
    body = ExtensionDecisionInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        if ext.state == Extension.State.PENDING_APPROVAL:
            ext = access_extension(request.user, extension_id, for_action=Action.APPROVE)
            ext = services.approve_extension(extension=ext, by=request.user)
        else:
            ext = access_extension(request.user, extension_id, for_action=Action.DECIDE)
            ext = services.decide_extension(
                extension=ext,
                by=request.user,
                approve=body.validated_data["decision"] == "approve",
                comment=body.validated_data["comment"],
                today=clock.today(),
            )
    except SupervisionError as e:
        return Response(e.errors, status=status.HTTP_400_BAD_REQUEST)
    return Response(ExtensionSerializer(ext).data)


@extend_schema(
    request=TaskChangeInSerializer,
    responses={
        200: OpenApiResponse(description="done"),
        400: OpenApiResponse(description="messages per field"),
    },
)
@api_view(["POST"])
def task_supervise(request: Request, task_id: int) -> Response:
    """The office sets a task's light by hand (color + reason), marks it adjusted (reason only), or sets its tags."""
    task = access_task(request.user, task_id)
    if not roles_of(request.user).supervises(task.plan.region_id):
        raise PermissionDenied
    body = TaskChangeInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data, today = body.validated_data, clock.today()
    try:
        if "tags" in data:
            services.set_tags(task=task, by=request.user, tags=data["tags"])
        elif "color" in data:
            services.override_light(
                task=task, by=request.user, color=data["color"], reason=data["reason"], today=today
            )
        else:
            services.adjust_task(task=task, by=request.user, reason=data["reason"], today=today)
    except SupervisionError as e:
        return Response(e.errors, status=status.HTTP_400_BAD_REQUEST)
    return Response({"ok": True})


urlpatterns = [
    path("notices/<int:notice_id>/decide", notice_decide, name="api-notice-decide"),
    path("extensions/<int:extension_id>/decide", extension_decide, name="api-extension-decide"),
    path("tasks/<int:task_id>/supervision", task_supervise, name="api-task-supervise"),
    path("notices", notice_list, name="api-notices"),
    path("notices/<int:notice_id>", notice_detail, name="api-notice"),
    path("notices/<int:notice_id>/document", notice_document, name="api-notice-document"),
    path("notices/<int:notice_id>/answer", notice_answer, name="api-notice-answer"),
    path("notices/<int:notice_id>/close", notice_close, name="api-notice-close"),
    path("tasks/<int:task_id>/extensions", task_extensions, name="api-task-extensions"),
    path("tasks/<int:task_id>/case-file", task_case_file, name="api-task-case-file"),
]
