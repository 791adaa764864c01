"""Progress records in the admin, to look at only: every change goes through the services (versions,
audit, period dates), so the pages — not the admin — are where reports, calendars and holidays change."""

from typing import Any

from django.contrib import admin

from orgs.admin import UnitAdmin
from orgs.models import Unit
from progress.models import (
    CalendarConfig,
    CoInput,
    Evidence,
    HolidayYear,
    IndicatorReading,
    Period,
    ProgressReport,
    ReportVersion,
)
from progress.signoffs import release_signoffs


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReportVersionInline(ReadOnlyInline):
    model = ReportVersion
    fields = ["number", "action", "state", "status", "percent", "text", "comment", "by_name", "at"]


class IndicatorReadingInline(ReadOnlyInline):
    model = IndicatorReading


class EvidenceInline(ReadOnlyInline):
    model = Evidence


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "unit", "period", "status", "percent", "state", "version", "filed_at"]
    list_filter = ["state", "status", "period__kind", "task__plan"]
    search_fields = ["text", "unit__name", "task__text"]
    list_select_related = ["task", "unit", "period"]
    inlines = [IndicatorReadingInline, EvidenceInline, ReportVersionInline]


@admin.register(Period)
class PeriodAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "start", "end", "due_date", "lock_date", "provisional", "locked"]
    list_filter = ["plan", "kind", "locked", "provisional"]


@admin.register(CalendarConfig)
class CalendarConfigAdmin(ReadOnlyAdmin):
    list_display = ["region", "plan", "routine", "routine_due_working_day", "lock_after_working_days"]


@admin.register(HolidayYear)
class HolidayYearAdmin(ReadOnlyAdmin):
    list_display = ["region", "year", "updated_at"]


@admin.register(CoInput)
class CoInputAdmin(ReadOnlyAdmin):
    list_display = ["task", "period", "unit"]
    list_select_related = ["task", "period", "unit"]


admin.site.unregister(Unit)


@admin.register(Unit)
class UnitWithSignoffAdmin(UnitAdmin):
    """A unit's sign-off switched off in the admin releases the reports waiting for it, as on any page."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        was_required = bool(change and Unit.objects.filter(pk=obj.pk, requires_signoff=True).exists())
        super().save_model(request, obj, form, change)
        if was_required and not obj.requires_signoff:
            release_signoffs(unit=obj, by=request.user)
