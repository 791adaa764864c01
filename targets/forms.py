"""The office's forms for editing a plan and its tasks. Each carries the version of the task it was opened
on (`targets.edits`); the services refuse a save when someone else saved in between."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.models import Person, Unit
from targets.models import Plan, Task


class _Versioned(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)


class TaskForm(_Versioned):
    """A form over one field of a task: starts from the task's values, offers its region's units and people."""

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        kwargs["initial"] = self.initial_for(task) | dict(kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        self.limit_to(task)

    def initial_for(self, task: Task) -> dict[str, Any]:
        return {}

    def limit_to(self, task: Task) -> None:
        return


def _units(plan: Plan) -> Any:
    return Unit.objects.filter(region_id=plan.region_id).order_by("name")


def _no_unit_twice(data: dict[str, Any]) -> dict[str, Any]:
    both = set(data.get("lead_units") or []) & set(data.get("co_units") or [])
    if both:
        names = "、".join(sorted(u.name for u in both))
        raise forms.ValidationError(_("A unit cannot both lead and help: %(names)s.") % {"names": names})
    return data


class TextForm(TaskForm):
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)

    def initial_for(self, task: Task) -> dict[str, Any]:
        return {"text": task.text}


class UnitsForm(TaskForm):
    lead_units = forms.ModelMultipleChoiceField(label=_("Lead units"), queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-units"), queryset=Unit.objects.none(), required=False
    )

    def initial_for(self, task: Task) -> dict[str, Any]:
        return {"lead_units": [u.pk for u in task.lead_units], "co_units": [u.pk for u in task.co_units]}

    def limit_to(self, task: Task) -> None:
        for name in ("lead_units", "co_units"):
            self.fields[name].queryset = _units(task.plan)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        return _no_unit_twice(super().clean() or {})


class LeadersForm(TaskForm):
    leaders = forms.ModelMultipleChoiceField(
        label=_("Leaders"), queryset=Person.objects.none(), required=False
    )

    def initial_for(self, task: Task) -> dict[str, Any]:
        return {"leaders": [p.pk for p in task.leader_people]}

    def limit_to(self, task: Task) -> None:
        self.fields["leaders"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            region_id=task.plan.region_id, kind=Person.Kind.LEADER
        ).order_by("name")


class TagsForm(TaskForm):
    tags = forms.MultipleChoiceField(
        label=_("Tags"), choices=Task.Tag.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def initial_for(self, task: Task) -> dict[str, Any]:
        return {"tags": list(task.tags or [])}


class DueDateForm(TaskForm):
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason (kept in the audit trail)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )

    def initial_for(self, task: Task) -> dict[str, Any]:
        return {"due_date": task.due_date}


class WithdrawForm(TaskForm):
    pass


class NewTaskForm(forms.Form):
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    lead_units = forms.ModelMultipleChoiceField(label=_("Lead units"), queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-units"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead_units", "co_units"):
            self.fields[name].queryset = _units(plan)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        return _no_unit_twice(super().clean() or {})


class SectionTitleForm(_Versioned):
    title = forms.CharField(label=_("Title"), max_length=255)
