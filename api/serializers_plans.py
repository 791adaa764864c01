"""Serializers of /api/v1 plans, tasks and units. They read lists prefetched by targets.access."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from orgs.models import Unit
from targets.edits import task_version
from targets.models import Indicator, Plan, Task


class PlanSerializer(serializers.ModelSerializer[Plan]):
    region_name = serializers.CharField(source="region.name", read_only=True)
    task_count = serializers.IntegerField(read_only=True, help_text="active tasks of the plan")

    class Meta:
        model = Plan
        fields = [
            "id",
            "region",
            "region_name",
            "year",
            "title",
            "issuer",
            "doc_number",
            "issued_on",
            "status",
            "task_count",
        ]


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = ["id", "name", "kind", "comparator", "value", "unit", "target_year", "span"]


class TaskSerializer(serializers.ModelSerializer[Task]):
    section = serializers.ListField(
        source="section_path", child=serializers.CharField(), help_text="headings, outermost first"
    )
    lead_units = serializers.SerializerMethodField()
    co_units = serializers.SerializerMethodField()
    leaders = serializers.SerializerMethodField()
    indicators = IndicatorSerializer(source="indicator_items", many=True, read_only=True)
    light = serializers.SerializerMethodField(
        help_text="green, amber, red, blue (only for the unit and the office) or grey"
    )
    light_reasons = serializers.SerializerMethodField(help_text="why the light has its colour, in words")
    version = serializers.SerializerMethodField(help_text="send it back with an edit (409 if it changed)")

    class Meta:
        model = Task
        fields = [
            "id",
            "seq",
            "text",
            "section",
            "status",
            "due_date",
            "lead_units",
            "co_units",
            "leaders",
            "indicators",
            "parse_issues",
            "light",
            "light_reasons",
            "version",
        ]

    def _light(self, task: Task) -> Any:
        return self.context.get("lights", {}).get(task.pk)

    def get_light(self, task: Task) -> str | None:
        light = self._light(task)
        return light.color if light else None

    def get_light_reasons(self, task: Task) -> list[str]:
        light = self._light(task)
        return list(light.reasons) if light else []

    def get_version(self, task: Task) -> str:
        return task_version(task)

    def get_lead_units(self, task: Task) -> list[str]:
        return [u.name for u in task.lead_units]

    def get_co_units(self, task: Task) -> list[str]:
        return [u.name for u in task.co_units]

    def get_leaders(self, task: Task) -> list[str]:
        return [p.name for p in task.leader_people]


# The list of a plan's tasks as plain values (issue 17): what TaskSerializer renders, without its field-by-field
# walk, which was most of the time of `GET /api/v1/plans/<id>/tasks` at city scale. TaskSerializer documents the
# answer and is the reference: tests/api/test_task_list_fast.py compares the bytes. Change both together.


def indicator_row(indicator: Indicator) -> dict[str, Any]:
    """IndicatorSerializer's fields: value a float (FloatField), None kept; choices as their stored strings."""
    value = indicator.value
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "kind": indicator.kind,
        "comparator": indicator.comparator,
        "value": None if value is None else float(value),
        "unit": indicator.unit,
        "target_year": indicator.target_year,
        "span": indicator.span,
    }


def task_rows(tasks: list[Task], lights: dict[int, Any]) -> list[dict[str, Any]]:
    """TaskSerializer(tasks, many=True, context={"lights": lights}).data as plain dicts, in its field order."""
    rows = []
    for task in tasks:
        light = lights.get(task.pk)
        due = task.due_date
        rows.append(
            {
                "id": task.pk,
                "seq": task.seq,
                "text": task.text,
                "section": [None if h is None else str(h) for h in task.section_path],
                "status": task.status,
                "due_date": due.isoformat() if due else None,
                "lead_units": [u.name for u in task.lead_units],
                "co_units": [u.name for u in task.co_units],
                "leaders": [p.name for p in task.leader_people],
                "indicators": [indicator_row(i) for i in task.indicator_items],
                "parse_issues": task.parse_issues,
                "light": light.color if light else None,
                "light_reasons": list(light.reasons) if light else [],
                "version": task_version(task),
            }
        )
    return rows


class UnitSerializer(serializers.ModelSerializer[Unit]):
    region_name = serializers.CharField(source="region.name", read_only=True)
    aliases = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "id",
            "region",
            "region_name",
            "name",
            "short_name",
            "kind",
            "parent",
            "aliases",
            "members",
            "active",
        ]

    def get_aliases(self, unit: Any) -> list[str]:
        return [a.alias for a in unit.aliases.all()]

    def get_members(self, unit: Any) -> list[int]:
        """For a group (各镇（街道）): the ids of the units it stands for."""
        return [m.pk for m in unit.members.all()]
