"""The unit page (/units/<id>/): the unit work list, and the unit's own milestones edited in place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import UnitAccess, access_unit, readable_units
from portal.forms import CloseMilestoneForm, MilestoneForm
from portal.worklist import counts, unit_plans, unit_scope, work_list
from progress import clock
from targets import services
from targets.models import Milestone, Task


@dataclass(frozen=True)
class BadForm:
    """A posted form that did not pass, shown again in place with its errors (nothing typed is lost)."""

    kind: str  # "add", "edit" or "close"
    task_id: int
    milestone_id: int | None
    form: Any


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _page(
    request: HttpRequest, access: UnitAccess, plan_id: int | None, bad: BadForm | None = None
) -> HttpResponse:
    plans = unit_plans(unit_scope(access.unit))
    plan = next((p for p in plans if p.pk == plan_id), plans[0] if plans else None)
    items = work_list(request.user, access, plan, today=clock.today()) if plan else []
    for item in items:
        fresh = MilestoneForm(auto_id=f"new-{item.task.pk}-%s")
        item.add_form = bad.form if bad and bad.kind == "add" and bad.task_id == item.task.pk else fresh
    context = {
        "unit": access.unit,
        "access": access,
        "plans": plans,
        "plan": plan,
        "items": items,
        "counts": counts(items),
        "bad": bad,
        "today": clock.today(),
    }
    return render(request, "portal/unit.html", context, status=400 if bad else 200)


def _back(unit_id: int, plan_id: int, task_id: int) -> HttpResponse:
    url = reverse("portal:unit", args=[unit_id])
    return redirect(f"{url}?plan={plan_id}#task-{task_id}")


@login_required
def unit_index(request: HttpRequest) -> HttpResponse:
    """Every unit whose work list the user reads, by region (the office's way to each unit's page)."""
    return render(request, "portal/unit_index.html", {"units": readable_units(request.user)})


@login_required
def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    access = access_unit(request.user, unit_id)
    return _page(request, access, _int(request.GET.get("plan")))


def _unit_task(access: UnitAccess, task_id: int | None) -> Task:
    """A task on the unit's list (404 otherwise)."""
    task = (
        Task.objects.select_related("plan__region")
        .filter(pk=task_id or 0, assignments__unit_id__in=unit_scope(access.unit).keys())
        .distinct()
        .first()
    )
    if task is None:
        raise Http404("task not found")
    return task


def _unit_milestone(access: UnitAccess, milestone_id: int | None) -> Milestone:
    milestone = (
        Milestone.objects.select_related("task__plan__region", "unit")
        .filter(pk=milestone_id or 0, task__assignments__unit_id__in=unit_scope(access.unit).keys())
        .distinct()
        .first()
    )
    if milestone is None:
        raise Http404("milestone not found")
    return milestone


@login_required
@require_POST
def milestone_add(request: HttpRequest, unit_id: int, task_id: int) -> HttpResponse:
    access = access_unit(request.user, unit_id)
    task = _unit_task(access, task_id)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _page(request, access, task.plan_id, BadForm("add", task.pk, None, form))
    services.add_milestone(task=task, unit=access.unit, by=request.user, **form.cleaned_data)
    messages.success(request, _("Milestone added."))
    return _back(unit_id, task.plan_id, task.pk)


@login_required
@require_POST
def milestone_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    access = access_unit(request.user, unit_id)
    milestone = _unit_milestone(access, _int(request.POST.get("milestone")))
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _page(
            request, access, milestone.task.plan_id, BadForm("edit", milestone.task_id, milestone.pk, form)
        )
    services.edit_milestone(milestone=milestone, by=request.user, **form.cleaned_data)
    messages.success(request, _("Milestone saved."))
    return _back(unit_id, milestone.task.plan_id, milestone.task_id)


@login_required
@require_POST
def milestone_close(request: HttpRequest, unit_id: int) -> HttpResponse:
    access = access_unit(request.user, unit_id)
    milestone = _unit_milestone(access, _int(request.POST.get("milestone")))
    form = CloseMilestoneForm(request.POST)
    if not form.is_valid():
        return _page(
            request, access, milestone.task.plan_id, BadForm("close", milestone.task_id, milestone.pk, form)
        )
    services.close_milestone(milestone=milestone, done_on=form.cleaned_data["done_on"], by=request.user)
    messages.success(request, _("Milestone closed."))
    return _back(unit_id, milestone.task.plan_id, milestone.task_id)
