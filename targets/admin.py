"""Plans and tasks in the Django admin, in Chinese, to look at only (docs/decisions/0010-admin.md).

Every change to a plan goes through targets.services (the import, the office's pages): one action, its
permission checked, audited with before and after. An admin form would be a second write path.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from orgs.admin import ReadOnlyAdmin, ReadOnlyInline
from targets.models import Assignment, Indicator, Milestone, Plan, Section, Task, TaskLeader


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]


class TaskLeaderInline(ReadOnlyInline):
    model = TaskLeader
    extra = 0
    autocomplete_fields = ["person"]


class IndicatorInline(ReadOnlyInline):
    model = Indicator
    extra = 0


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "region", "year", "doc_number", "status"]
    list_filter = ["region", "year", "status"]
    search_fields = ["title", "doc_number"]
    list_select_related = ["region"]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "level", "order"]
    search_fields = ["title"]
    list_filter = ["plan"]
    list_select_related = ["plan__region"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["seq", "short_text", "plan", "due_date", "status"]
    list_filter = ["plan", "status"]
    search_fields = ["text"]
    list_select_related = ["plan__region"]
    autocomplete_fields = ["section"]
    inlines = [AssignmentInline, TaskLeaderInline, IndicatorInline, MilestoneInline]

    @admin.display(description=_("task"))
    def short_text(self, obj: Task) -> str:
        return obj.text[:60]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "comparator", "value", "unit", "target_year", "task"]
    list_filter = ["kind", "comparator", "target_year"]
    search_fields = ["name", "span"]
    list_select_related = ["task"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "task", "unit", "due_date", "done_on"]
    list_filter = ["due_date"]
    search_fields = ["title", "deliverable"]
    list_select_related = ["task", "unit"]
