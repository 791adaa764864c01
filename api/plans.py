"""API for plans, tasks and units (issue 5): what the caller's role may read, nothing more."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import path
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import TokenView
from api.serializers_plans import PlanSerializer, TaskSerializer, UnitSerializer, task_rows
from orgs.models import Unit
from progress import clock
from supervision.lights import lights_for_tasks
from targets.access import access_plan, access_task, plan_tasks, visible_plans, visible_units, with_details
from targets.models import Plan, Task


class PlanList(generics.ListAPIView[Plan]):
    """The plans the caller may read (supervisor, observer: the region's; others: where they have tasks)."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[Plan]:
        return visible_plans(self.request.user).annotate(
            task_count=Count("tasks", filter=Q(tasks__status=Task.Status.ACTIVE))
        )


class PlanTaskList(generics.ListAPIView[Task]):
    """The tasks of one plan that the caller may read, with units, leaders, indicators and each light."""

    serializer_class = TaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        plan = access_plan(self.request.user, self.kwargs["plan_id"])
        return plan_tasks(self.request.user, plan).select_related("plan__region")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        tasks = list(self.get_queryset())
        lights = lights_for_tasks(tasks, today=clock.today(), viewer=request.user)
        # Plain values (task_rows); TaskSerializer (serializer_class) documents them and is the reference.
        return Response(task_rows(tasks, lights))


class TaskDetail(generics.RetrieveAPIView[Task]):
    """One task the caller may read, with its light and the reasons for it."""

    serializer_class = TaskSerializer

    def get_object(self) -> Task:
        task = access_task(self.request.user, self.kwargs["task_id"])
        return with_details(Task.objects.filter(pk=task.pk)).select_related("plan__region").get()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        lights = lights_for_tasks([task], today=clock.today(), viewer=request.user)
        return Response(self.get_serializer(task, context={"lights": lights, "request": request}).data)


class UnitList(generics.ListAPIView[Unit]):
    """Units of the regions the caller reads in full, their own units, and units on tasks they see."""

    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        return (
            visible_units(self.request.user).prefetch_related("aliases", "members").order_by("region", "name")
        )


urlpatterns = [
    path("auth/token", TokenView.as_view(), name="api-token"),
    path("plans", PlanList.as_view(), name="api-plans"),
    path("plans/<int:plan_id>/tasks", PlanTaskList.as_view(), name="api-plan-tasks"),
    path("tasks/<int:task_id>", TaskDetail.as_view(), name="api-task"),
    path("units", UnitList.as_view(), name="api-units"),
]
