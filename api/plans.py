"""API for plans, tasks and units (issue 5): what the caller's role may read, nothing more."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.urls import path
from rest_framework import generics

from accounts.api import TokenView
from api.serializers_plans import PlanSerializer, TaskSerializer, UnitSerializer
from orgs.models import Unit
from targets.access import access_plan, plan_tasks, visible_plans, visible_units
from targets.models import Plan, Task


class PlanList(generics.ListAPIView[Plan]):
    """The plans the caller may read (supervisor, observer: the region's; others: where they have tasks)."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[Plan]:
        return visible_plans(self.request.user).annotate(
            task_count=Count("tasks", filter=Q(tasks__status=Task.Status.ACTIVE))
        )


class PlanTaskList(generics.ListAPIView[Task]):
    """The tasks of one plan that the caller may read, with units, leaders and indicators."""

    serializer_class = TaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        plan = access_plan(self.request.user, self.kwargs["plan_id"])
        return plan_tasks(self.request.user, plan)


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
    path("units", UnitList.as_view(), name="api-units"),
]
