"""Request bodies of the office's plan edits (api/plan_edits.py). Units and people are ids of the plan's
region; `version` is the task's `version` as last read (GET /tasks/{id} or any edit's answer)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgs.models import Person, Unit
from targets.edits import section_version
from targets.models import Plan, Section, Task


class PlanBody(serializers.Serializer[Any]):
    """A body about a plan's task: unit and people choices are limited to the plan's region (no plan: the
    OpenAPI schema's instance, which validates nothing)."""

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.limit_to(plan)

    def limit_to(self, plan: Plan) -> None:
        return


class _Versioned(PlanBody):
    version = serializers.CharField(max_length=64, help_text="the version the editor read; 409 if it changed")


def _region_units(plan: Plan) -> Any:
    return Unit.objects.filter(region_id=plan.region_id)


class TextIn(_Versioned):
    text = serializers.CharField(max_length=4000)


class _UnitsOfPlan(PlanBody):
    lead_units = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Unit.objects.none(), allow_empty=False
    )
    co_units = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.none(), required=False)

    def limit_to(self, plan: Plan) -> None:
        for name in ("lead_units", "co_units"):
            self.fields[name].child_relation.queryset = _region_units(plan)  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        both = set(attrs["lead_units"]) & set(attrs.get("co_units", []))
        if both:
            names = "、".join(sorted(u.name for u in both))
            raise serializers.ValidationError(
                _("A unit cannot both lead and help: %(names)s.") % {"names": names}
            )
        return attrs


class UnitsIn(_UnitsOfPlan, _Versioned):
    pass


class LeadersIn(_Versioned):
    leaders = serializers.PrimaryKeyRelatedField(many=True, queryset=Person.objects.none())

    def limit_to(self, plan: Plan) -> None:
        self.fields["leaders"].child_relation.queryset = Person.objects.filter(  # type: ignore[attr-defined]
            region_id=plan.region_id, kind=Person.Kind.LEADER
        )


class TagsIn(_Versioned):
    tags = serializers.ListField(child=serializers.ChoiceField(choices=Task.Tag.choices), allow_empty=True)


class DueDateIn(_Versioned):
    due_date = serializers.DateField()
    reason = serializers.CharField(
        max_length=500, help_text="why the deadline moves (kept in the audit trail)"
    )


class WithdrawIn(_Versioned):
    pass


class NewTaskIn(_UnitsOfPlan):
    text = serializers.CharField(max_length=4000)
    due_date = serializers.DateField()


class SectionTitleIn(_Versioned):
    title = serializers.CharField(max_length=255)


class SectionSerializer(serializers.ModelSerializer[Section]):
    version = serializers.SerializerMethodField(help_text="send it back when renaming the section")

    class Meta:
        model = Section
        fields = ["id", "title", "level", "order", "parent", "version"]

    def get_version(self, section: Section) -> str:
        return section_version(section)
