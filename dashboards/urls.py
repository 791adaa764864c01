"""The dashboards: one URL per page, one POST URL per verb."""

from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("overview/", views.office, name="office"),
    path("overview/remind/", views.remind, name="remind"),
    path("overview/burden/", views.burden, name="burden"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/<int:person_id>/", views.cockpit, name="cockpit_of"),
    path("feedback/", views.feedback_list, name="feedback"),
    path("feedback/<int:feedback_id>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:feedback_id>/answer/", views.feedback_answer, name="feedback_answer"),
]
