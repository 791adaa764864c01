"""The office edits its plan: a task's text, units, leaders, tags and due date, withdrawing a task, adding a
task to a section, renaming a section, closing and reopening the plan.

Each view reads top to bottom: access (404 / 403) → form → service → redirect. Every change goes through
`targets.services`; a task someone else saved since the form was opened is refused there (TaskChanged)
and the form comes back with the person's own input and the task as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from targets import services
from targets.access import access_plan_to_edit, access_section_to_edit, access_task_to_edit, with_details
from targets.edits import TaskChanged, section_version, task_version
from targets.forms import (
    DueDateForm,
    LeadersForm,
    NewTaskForm,
    SectionTitleForm,
    TagsForm,
    TaskForm,
    TextForm,
    UnitsForm,
    WithdrawForm,
)
from targets.models import Task

F = TypeVar("F", bound=forms.Form)


@dataclass(frozen=True)
class Edit:
    form: type[TaskForm]
    title: Any
    done: Any
    save: Callable[[Task, dict[str, Any], Any, str], Task]


EDITS: dict[str, Edit] = {
    "text": Edit(
        TextForm,
        _("Edit the task's text"),
        _("The task's text is saved."),
        lambda t, d, by, v: services.edit_task_text(task=t, text=d["text"], by=by, version=v),
    ),
    "units": Edit(
        UnitsForm,
        _("Lead and co-units"),
        _("The units are saved."),
        lambda t, d, by, v: services.reassign_task(
            task=t, lead_units=list(d["lead_units"]), co_units=list(d["co_units"]), by=by, version=v
        ),
    ),
    "leaders": Edit(
        LeadersForm,
        _("Leaders in charge"),
        _("The leaders are saved."),
        lambda t, d, by, v: services.set_task_leaders(task=t, leaders=list(d["leaders"]), by=by, version=v),
    ),
    "tags": Edit(
        TagsForm,
        _("Tags"),
        _("The tags are saved."),
        lambda t, d, by, v: services.tag_task(task=t, tags=d["tags"], by=by, version=v),
    ),
    "due_date": Edit(
        DueDateForm,
        _("Adjust the due date"),
        _("The due date is moved."),
        lambda t, d, by, v: services.adjust_due_date(
            task=t, due_date=d["due_date"], reason=d["reason"].strip(), by=by, version=v
        ),
    ),
    "withdraw": Edit(
        WithdrawForm,
        _("Withdraw the task"),
        _("The task is withdrawn; its reports and history are kept."),
        lambda t, _d, by, v: services.withdraw_task(task=t, by=by, version=v),
    ),
}


def _detailed(task: Task) -> Task:
    return with_details(Task.objects.filter(pk=task.pk)).select_related("plan__region").get()


def _changed(form: F, changed: TaskChanged) -> F:
    """The refused form, with the person's input and the current version (saving again is deliberate)."""
    data = cast(QueryDict, form.data).copy()
    data["version"] = changed.version
    form.data = data
    form.add_error(None, changed.message)
    return form


@login_required
def edit_task(request: HttpRequest, task_id: int, action: str) -> HttpResponse:
    task = access_task_to_edit(request.user, task_id)
    edit = EDITS.get(action)
    if edit is None:
        raise Http404("no such edit")
    if request.method == "POST":
        form = edit.form(request.POST, task=task)
        if form.is_valid():
            try:
                edit.save(task, form.cleaned_data, request.user, form.cleaned_data["version"])
            except TaskChanged as changed:
                form = _changed(form, changed)
            else:
                messages.success(request, edit.done)
                return redirect("targets:task_detail", task_id=task.pk)
    else:
        form = edit.form(task=task)
        form.initial["version"] = task_version(task)
    context = {"task": _detailed(task), "plan": task.plan, "form": form, "edit": edit, "action": action}
    return render(request, "targets/task_edit.html", context)


@login_required
def add_task(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    section = access_section_to_edit(request.user, plan_id, section_id)
    if request.method == "POST":
        form = NewTaskForm(request.POST, plan=section.plan)
        if form.is_valid():
            task = services.add_task(
                section=section,
                text=form.cleaned_data["text"].strip(),
                due_date=form.cleaned_data["due_date"],
                lead_units=list(form.cleaned_data["lead_units"]),
                co_units=list(form.cleaned_data["co_units"]),
                by=request.user,
            )
            messages.success(request, _("Task %(seq)s is added.") % {"seq": task.seq})
            return redirect("targets:task_detail", task_id=task.pk)
    else:
        form = NewTaskForm(plan=section.plan)
    context = {"section": section, "plan": section.plan, "form": form, "title": _("Add a task")}
    return render(request, "targets/section_edit.html", context)


@login_required
def rename_section(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    section = access_section_to_edit(request.user, plan_id, section_id)
    if request.method == "POST":
        form = SectionTitleForm(request.POST)
        if form.is_valid():
            try:
                services.rename_section(
                    section=section,
                    title=form.cleaned_data["title"].strip(),
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except TaskChanged as changed:
                form = _changed(form, changed)
            else:
                messages.success(request, _("The section is renamed."))
                return redirect("targets:task_list", plan_id=section.plan_id)
    else:
        form = SectionTitleForm(initial={"title": section.title, "version": section_version(section)})
    context = {"section": section, "plan": section.plan, "form": form, "title": _("Rename the section")}
    return render(request, "targets/section_edit.html", context)


@require_POST
@login_required
def close_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_to_edit(request.user, plan_id)
    services.close_plan(plan=plan, by=request.user)
    messages.success(request, _("The plan is closed: it no longer asks for reports."))
    return redirect("targets:task_list", plan_id=plan.pk)


@require_POST
@login_required
def reopen_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_to_edit(request.user, plan_id)
    services.reopen_plan(plan=plan, by=request.user)
    messages.success(request, _("The plan is open again."))
    return redirect("targets:task_list", plan_id=plan.pk)
