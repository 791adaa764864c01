"""notify's pages: one URL per page, one POST URL per verb."""

from django.urls import path

from notify import views

app_name = "notify"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/bell/", views.bell, name="bell"),
    path("inbox/read/", views.mark_read, name="mark_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("outbox/", views.outbox_page, name="outbox"),
    path("outbox/<int:message_id>/retry/", views.retry, name="retry"),
    path("robots/", views.robots, name="robots"),
    path("robots/<int:hook_id>/toggle/", views.robot_toggle, name="robot_toggle"),
]
