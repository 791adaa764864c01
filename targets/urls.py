from django.urls import path

from targets import edit_views, views

app_name = "targets"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", views.task_list, name="task_list"),
    path("tasks/<int:task_id>/", views.task_detail, name="task_detail"),
    # the office edits its plan (targets.edit_views)
    path("tasks/<int:task_id>/text/", edit_views.edit_task, {"action": "text"}, name="edit_text"),
    path("tasks/<int:task_id>/units/", edit_views.edit_task, {"action": "units"}, name="edit_units"),
    path("tasks/<int:task_id>/leaders/", edit_views.edit_task, {"action": "leaders"}, name="edit_leaders"),
    path("tasks/<int:task_id>/tags/", edit_views.edit_task, {"action": "tags"}, name="edit_tags"),
    path("tasks/<int:task_id>/due-date/", edit_views.edit_task, {"action": "due_date"}, name="edit_due_date"),
    path("tasks/<int:task_id>/withdraw/", edit_views.edit_task, {"action": "withdraw"}, name="withdraw_task"),
    path("plans/<int:plan_id>/sections/<int:section_id>/tasks/new/", edit_views.add_task, name="add_task"),
    path(
        "plans/<int:plan_id>/sections/<int:section_id>/rename/",
        edit_views.rename_section,
        name="rename_section",
    ),
    path("plans/<int:plan_id>/close/", edit_views.close_plan, name="close_plan"),
    path("plans/<int:plan_id>/reopen/", edit_views.reopen_plan, name="reopen_plan"),
]
