"""API for the office's plan edits: the same services as the pages (targets.services), the same access
helpers (targets.access: 404 when not visible, 403 when not the region's office). Refusals go through the
one exception handler (api.errors): 400 per field, 409 with the task's current version when someone else
saved since the caller read it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from api.serializers_plan_edits import (
    DueDateIn,
    LeadersIn,
    NewTaskIn,
    PlanBody,
    SectionSerializer,
    SectionTitleIn,
    TagsIn,
    TextIn,
    UnitsIn,
    WithdrawIn,
)
from api.serializers_plans import PlanSerializer, TaskSerializer
from progress import clock
from supervision.lights import lights_for_tasks
from targets import services
from targets.access import (
    access_plan,
    access_plan_to_edit,
    access_section_to_edit,
    access_task_to_edit,
    with_details,
)
from targets.models import Task

REFUSALS: dict[int | str, Any] = {
    400: OpenApiResponse(description="a message per field"),
    403: OpenApiResponse(description="not the supervision office of the plan's region"),
    404: OpenApiResponse(description="no such task or plan, or not visible to the caller"),
    409: OpenApiResponse(description="changed since read: `detail` says so, `version` is the current one"),
}


def _task_answer(request: Request, task: Task, code: int = status.HTTP_200_OK) -> Response:
    task = with_details(Task.objects.filter(pk=task.pk)).select_related("plan__region").get()
    lights = lights_for_tasks([task], today=clock.today(), viewer=request.user)
    body = TaskSerializer(task, context={"lights": lights, "request": request}).data
    return Response(body, status=code)


def _edit(
    request: Request,
    task_id: int,
    body_class: type[PlanBody],
    save: Callable[[Task, dict[str, Any]], Task],
) -> Response:
    task = access_task_to_edit(request.user, task_id)
    body = body_class(data=request.data, plan=task.plan)
    body.is_valid(raise_exception=True)
    return _task_answer(request, save(task, dict(body.validated_data)))


F = TypeVar("F", bound=Callable[..., Any])


def _schema(body: type[serializers.Serializer[Any]], summary: str) -> Callable[[F], F]:
    return extend_schema(request=body, responses={200: TaskSerializer, **REFUSALS}, summary=summary)


@_schema(TextIn, "Edit a task's text (supervision office)")
@api_view(["POST"])
def edit_text(request: Request, task_id: int) -> Response:
    return _edit(
        request,
        task_id,
        TextIn,
        lambda t, d: services.edit_task_text(task=t, text=d["text"], by=request.user, version=d["version"]),
    )


@_schema(UnitsIn, "Set a task's lead and co-units (supervision office)")
@api_view(["POST"])
def edit_units(request: Request, task_id: int) -> Response:
    return _edit(
        request,
        task_id,
        UnitsIn,
        lambda t, d: services.reassign_task(
            task=t,
            lead_units=d["lead_units"],
            co_units=d.get("co_units", []),
            by=request.user,
            version=d["version"],
        ),
    )


@_schema(LeadersIn, "Set a task's leaders in charge (supervision office)")
@api_view(["POST"])
def edit_leaders(request: Request, task_id: int) -> Response:
    return _edit(
        request,
        task_id,
        LeadersIn,
        lambda t, d: services.set_task_leaders(
            task=t, leaders=d["leaders"], by=request.user, version=d["version"]
        ),
    )


@_schema(TagsIn, "Set a task's tags (supervision office)")
@api_view(["POST"])
def edit_tags(request: Request, task_id: int) -> Response:
    return _edit(
        request,
        task_id,
        TagsIn,
        lambda t, d: services.tag_task(task=t, tags=d["tags"], by=request.user, version=d["version"]),
    )


@_schema(DueDateIn, "Move a task's due date, with the reason (supervision office)")
@api_view(["POST"])
def edit_due_date(request: Request, task_id: int) -> Response:
    return _edit(
        request,
        task_id,
        DueDateIn,
        lambda t, d: services.adjust_due_date(
            task=t, due_date=d["due_date"], reason=d["reason"].strip(), by=request.user, version=d["version"]
        ),
    )


@_schema(WithdrawIn, "Withdraw a task; its reports and history stay (supervision office)")
@api_view(["POST"])
def withdraw(request: Request, task_id: int) -> Response:
    return _edit(
        request,
        task_id,
        WithdrawIn,
        lambda t, d: services.withdraw_task(task=t, by=request.user, version=d["version"]),
    )


@extend_schema(
    request=NewTaskIn,
    responses={201: TaskSerializer, **REFUSALS},
    summary="Add a task to a section; it takes the plan's next number (supervision office)",
)
@api_view(["POST"])
def add_task(request: Request, plan_id: int, section_id: int) -> Response:
    section = access_section_to_edit(request.user, plan_id, section_id)
    body = NewTaskIn(data=request.data, plan=section.plan)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    task = services.add_task(
        section=section,
        text=data["text"].strip(),
        due_date=data["due_date"],
        lead_units=data["lead_units"],
        co_units=data.get("co_units", []),
        by=request.user,
    )
    return _task_answer(request, task, status.HTTP_201_CREATED)


@extend_schema(responses=SectionSerializer(many=True), summary="The sections of a plan, in order")
@api_view(["GET"])
def sections(request: Request, plan_id: int) -> Response:
    plan = access_plan(request.user, plan_id)
    return Response(SectionSerializer(plan.sections.order_by("order", "pk"), many=True).data)


@extend_schema(
    request=SectionTitleIn,
    responses={200: SectionSerializer, **REFUSALS},
    summary="Rename a section (supervision office)",
)
@api_view(["POST"])
def rename_section(request: Request, plan_id: int, section_id: int) -> Response:
    section = access_section_to_edit(request.user, plan_id, section_id)
    body = SectionTitleIn(data=request.data, plan=section.plan)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    section = services.rename_section(
        section=section, title=data["title"].strip(), by=request.user, version=data["version"]
    )
    return Response(SectionSerializer(section).data)


def _plan_status(request: Request, plan_id: int, action: Callable[..., Any]) -> Response:
    plan = action(plan=access_plan_to_edit(request.user, plan_id), by=request.user)
    plan = access_plan(request.user, plan.pk)
    return Response(PlanSerializer(plan).data)


@extend_schema(request=None, responses={200: PlanSerializer, **REFUSALS}, summary="Close a plan (office)")
@api_view(["POST"])
def close_plan(request: Request, plan_id: int) -> Response:
    return _plan_status(request, plan_id, services.close_plan)


@extend_schema(request=None, responses={200: PlanSerializer, **REFUSALS}, summary="Reopen a plan (office)")
@api_view(["POST"])
def reopen_plan(request: Request, plan_id: int) -> Response:
    return _plan_status(request, plan_id, services.reopen_plan)


urlpatterns = [
    path("tasks/<int:task_id>/text", edit_text, name="api-task-text"),
    path("tasks/<int:task_id>/units", edit_units, name="api-task-units"),
    path("tasks/<int:task_id>/leaders", edit_leaders, name="api-task-leaders"),
    path("tasks/<int:task_id>/tags", edit_tags, name="api-task-tags"),
    path("tasks/<int:task_id>/due-date", edit_due_date, name="api-task-due-date"),
    path("tasks/<int:task_id>/withdraw", withdraw, name="api-task-withdraw"),
    path("plans/<int:plan_id>/sections", sections, name="api-plan-sections"),
    path("plans/<int:plan_id>/sections/<int:section_id>/tasks", add_task, name="api-section-add-task"),
    path("plans/<int:plan_id>/sections/<int:section_id>/rename", rename_section, name="api-section-rename"),
    path("plans/<int:plan_id>/close", close_plan, name="api-plan-close"),
    path("plans/<int:plan_id>/reopen", reopen_plan, name="api-plan-reopen"),
]
