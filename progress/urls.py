"""The reporting loop's pages: one URL per page, one POST URL per verb."""

from django.urls import path

from progress import views

app_name = "progress"
urlpatterns = [
    path("due/", views.workspace, name="workspace"),
    path(
        "due/periods/<int:period_id>/units/<int:unit_id>/nothing-to-add/",
        views.nothing_to_add,
        name="nothing_to_add",
    ),
    path("tasks/<int:task_id>/periods/<int:period_id>/report/", views.report_form, name="report_form"),
    path("tasks/<int:task_id>/periods/<int:period_id>/no-change/", views.no_change, name="no_change"),
    path("tasks/<int:task_id>/periods/<int:period_id>/hints/", views.hints, name="hints"),
    path("tasks/<int:task_id>/periods/<int:period_id>/co-input/", views.co_input, name="co_input"),
    path("tasks/<int:task_id>/timeline/", views.task_timeline, name="task_timeline"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/sign-off/", views.sign_off, name="sign_off"),
    path("reports/<int:report_id>/send-back/", views.send_back, name="send_back"),
    path("reports/<int:report_id>/reopen/", views.reopen, name="reopen"),
    path("reports/<int:report_id>/accept/", views.accept, name="accept"),
    path("reports/<int:report_id>/return/", views.return_report, name="return"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("review/", views.review_queue, name="review_queue"),
    path("periods/<int:period_id>/close/", views.close_period, name="close_period"),
    path("plans/<int:plan_id>/calendar/", views.calendar_settings, name="calendar"),
    path("plans/<int:plan_id>/calendar/holidays/", views.holidays, name="holidays"),
]
