"""What the reporting loop's API reads and returns (api/progress.py's bodies and answers)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from progress.models import CoInput, ProgressReport


class DueItemSerializer(serializers.Serializer[Any]):
    task_id = serializers.IntegerField()
    period_id = serializers.IntegerField()
    unit_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["month", "quarter", "half_year", "year"])
    due_date = serializers.DateField()
    overdue = serializers.BooleanField()
    action = serializers.ChoiceField(
        choices=["file", "fix", "co_input", "sign_off"],
        help_text="file a report, fix a returned one, add co-unit input, or sign off",
    )
    report_id = serializers.IntegerField(allow_null=True)
    also_co = serializers.BooleanField(
        help_text="the unit is also a co-unit of the task: its lead report covers that (one item per task and period)"
    )
    no_change = serializers.BooleanField(
        help_text="“no change” may be confirmed: the period is over and the last report was accepted"
    )
    review_comment = serializers.CharField(help_text="why a returned report came back (action fix)")
    task_seq = serializers.IntegerField()
    task_text = serializers.CharField()
    period_label = serializers.CharField()


class DueSerializer(serializers.Serializer[Any]):
    today = serializers.DateField()
    items = DueItemSerializer(many=True)


class ReadingInSerializer(serializers.Serializer[Any]):
    indicator_id = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True, required=False)
    note = serializers.CharField(allow_blank=True, required=False, max_length=255, default="")


class ReportInSerializer(serializers.Serializer[Any]):
    period_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ProgressReport.Status.values)
    percent = serializers.IntegerField(min_value=0, max_value=100)
    text = serializers.CharField(allow_blank=True, trim_whitespace=True)
    readings = ReadingInSerializer(many=True, required=False, default=list)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="the version you are changing; leave out when filing the period's first report",
    )


class ReviewInSerializer(serializers.Serializer[Any]):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False, allow_null=True, help_text="the version you reviewed; refused if it changed since"
    )


class SignOffInSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        help_text="the version you read; refused if the liaison changed the report since"
    )


class CoInputInSerializer(serializers.Serializer[Any]):
    period_id = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True, trim_whitespace=True)


class NoChangeInSerializer(serializers.Serializer[Any]):
    period_id = serializers.IntegerField()
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="the version you are replacing; leave out when the period has no report yet",
    )


class ReadingOutSerializer(serializers.Serializer[Any]):
    indicator_id = serializers.IntegerField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    note = serializers.CharField()


class VersionOutSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    action = serializers.CharField()
    state = serializers.CharField()
    status = serializers.CharField()
    percent = serializers.IntegerField()
    text = serializers.CharField()
    comment = serializers.CharField()
    by = serializers.CharField(source="by_name")
    at = serializers.DateTimeField()


class CoInputOutSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField(source="unit.name")
    text = serializers.CharField()
    at = serializers.DateTimeField()


class CoInputCreatedSerializer(CoInputOutSerializer):
    id = serializers.IntegerField()
    task_id = serializers.IntegerField()
    period_id = serializers.IntegerField()


class ReportOutSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    task_id = serializers.IntegerField()
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField(source="unit.name")
    period_id = serializers.IntegerField()
    period_kind = serializers.CharField(source="period.kind")
    status = serializers.CharField()
    percent = serializers.IntegerField()
    text = serializers.CharField()
    no_change = serializers.BooleanField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    filed_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_comment = serializers.CharField()
    readings = serializers.SerializerMethodField()
    co_inputs = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    def get_readings(self, report: ProgressReport) -> list[dict[str, Any]]:
        rows = [
            {"indicator_id": r.indicator_id, "name": r.indicator.name, "value": r.value, "note": r.note}
            for r in report.readings.select_related("indicator")
        ]
        return ReadingOutSerializer(rows, many=True).data  # type: ignore[return-value]

    def get_co_inputs(self, report: ProgressReport) -> list[dict[str, Any]]:
        rows = CoInput.objects.filter(task_id=report.task_id, period_id=report.period_id).select_related(
            "unit"
        )
        return CoInputOutSerializer(rows, many=True).data  # type: ignore[return-value]

    def get_versions(self, report: ProgressReport) -> list[dict[str, Any]]:
        return VersionOutSerializer(report.versions.order_by("number"), many=True).data  # type: ignore[return-value]


class ConflictSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    current = ReportOutSerializer(required=False)
