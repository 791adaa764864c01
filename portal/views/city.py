"""The city view (/city/<region>/): a parent region's districts rolled up, read-only drill-down into a
district's plan and tasks, and the same task side by side across districts and years."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal import city as facts
from portal.access import access_city, access_district_plan, access_district_task, city_regions
from progress import clock
from supervision.rules import COLOR_WORDS
from targets.models import Task

TASK_SLOT = 987654321  # stands for a task's id in a link made once per page


def _year(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _lit(tasks: list[Task], user: Any) -> list[dict[str, Any]]:
    """Each task with its light as the city reads it (a constant number of queries)."""
    lights = facts.with_lights(tasks, today=clock.today(), viewer=user)
    out = []
    for task in tasks:
        light = lights.get(task.pk)
        word = COLOR_WORDS.get(light.color, "") if light else ""
        out.append({"task": task, "light": light, "word": word})
    return out


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/city_index.html", {"cities": city_regions(request.user)})


@login_required
@require_GET
def rollup(request: HttpRequest, region_id: int) -> HttpResponse:
    city = access_city(request.user, region_id)
    available = facts.years(city)
    year = facts.pick_year(available, _year(request.GET.get("year")), clock.today())
    districts = facts.rollup(city, year, today=clock.today(), viewer=request.user) if year else []
    context = {"city": city, "years": available, "year": year, "districts": districts}
    return render(request, "portal/city.html", context)


@login_required
@require_GET
def district_plan(request: HttpRequest, region_id: int, plan_id: int) -> HttpResponse:
    city, plan = access_district_plan(request.user, region_id, plan_id)
    tasks = list(
        Task.objects.filter(plan=plan, status=Task.Status.ACTIVE)
        .only("plan_id", "seq", "text", "due_date", "status")
        .order_by("seq")
    )
    for task in tasks:
        task.plan = plan  # the one plan (its region selected), not a copy per task
    leads, leaders = facts.plan_names(plan)
    # one reverse for the whole table: a district's plan has hundreds of rows
    link = reverse("portal:city_task", args=[city.pk, TASK_SLOT])
    lights = facts.with_lights(tasks, today=clock.today(), viewer=request.user)
    rows = facts.plan_rows(tasks, lights, leads, leaders, link=link, slot=str(TASK_SLOT))
    return render(request, "portal/city_plan.html", {"city": city, "plan": plan, "rows": rows})


@login_required
@require_GET
def district_task(request: HttpRequest, region_id: int, task_id: int) -> HttpResponse:
    city, task = access_district_task(request.user, region_id, task_id)
    found = facts.matches(city, task)
    scores = {t.pk: score for t, score in found}
    tasks = [task, *(t for t, _score in found)]
    rows = _lit(tasks, request.user)
    for row in rows:
        row["score"] = scores.get(row["task"].pk)
    context = {"city": city, "task": task, "plan": task.plan, "rows": rows}
    return render(request, "portal/city_task.html", context)


@login_required
@require_GET
def compare(request: HttpRequest, region_id: int) -> HttpResponse:
    city = access_city(request.user, region_id)
    available = facts.years(city)
    year = facts.pick_year(available, _year(request.GET.get("year")), clock.today())
    last_year = request.GET.get("span") == "years"
    groups = facts.same_tasks(city, year, last_year=last_year) if year else []
    by_id = Task.objects.select_related("plan__region").in_bulk([pk for g in groups for pk in g])
    lit = {row["task"].pk: row for row in _lit(list(by_id.values()), request.user)}
    shown = [[lit[pk] for pk in g if pk in lit] for g in groups]
    context = {"city": city, "years": available, "year": year, "groups": shown, "last_year": last_year}
    return render(request, "portal/city_compare.html", context)
