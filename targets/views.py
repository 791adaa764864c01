"""Plans and their tasks, as the people who answer for them see them. Read-only pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from orgs.models import Unit
from targets.access import (
    access_plan,
    access_task,
    can_supervise,
    plan_tasks,
    visible_plans,
    visible_tasks,
    with_details,
)
from targets.models import Assignment, Task

TASK_PAGE = 50  # tasks on one page of a plan's task list


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user).annotate(
        task_count=Count("tasks", filter=Q(tasks__status=Task.Status.ACTIVE))
    )
    return render(request, "targets/plan_list.html", {"plans": plans})


@login_required
def task_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    tasks = plan_tasks(request.user, plan)
    section_id = _int_or_none(request.GET.get("section"))
    unit_id = _int_or_none(request.GET.get("unit"))
    query = (request.GET.get("q") or "").strip()
    if section_id:
        tasks = tasks.filter(Q(section_id=section_id) | Q(section__parent_id=section_id))
    if unit_id:
        tasks = tasks.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit_id=unit_id)))
    if query:
        tasks = tasks.filter(text__icontains=query)
    mine = visible_tasks(request.user).filter(plan=plan).values("pk")
    units = Unit.objects.filter(assignments__task__in=mine).distinct().order_by("name")
    page = Paginator(tasks, TASK_PAGE).get_page(request.GET.get("page"))
    filters = {"section": section_id, "unit": unit_id, "q": query}
    context = {
        "plan": plan,
        "tasks": page.object_list,
        "page": page,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
        "sections": plan.sections.order_by("order"),
        "units": units,
        "filters": filters,
        "is_filtered": bool(section_id or unit_id or query),
        "supervises": can_supervise(request.user, plan),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "targets/_task_rows.html" if partial else "targets/task_list.html"
    return render(request, template, context)


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    task = with_details(Task.objects.filter(pk=task.pk)).select_related("plan__region").get()
    context = {"task": task, "plan": task.plan, "edits": can_supervise(request.user, task.plan)}
    return render(request, "targets/task_detail.html", context)
