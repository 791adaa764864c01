from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from targets.models import Assignment, Indicator, Milestone, Plan, Section, Task, TaskLeader


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]


class TaskLeaderInline(admin.TabularInline):
    model = TaskLeader
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "year", "doc_number", "status"]
    list_filter = ["region", "year", "status"]
    search_fields = ["title", "doc_number"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "level", "order"]
    list_filter = ["plan"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["seq", "short_text", "plan", "due_date", "status"]
    list_filter = ["plan", "status"]
    search_fields = ["text"]
    inlines = [AssignmentInline, TaskLeaderInline, IndicatorInline, MilestoneInline]

    @admin.display(description=_("task"))
    def short_text(self, obj: Task) -> str:
        return obj.text[:60]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "comparator", "value", "unit", "target_year", "task"]
    list_filter = ["kind", "comparator", "target_year"]
    search_fields = ["name", "span"]
