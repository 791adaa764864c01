from django.urls import path

from targets import views

app_name = "targets"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", views.task_list, name="task_list"),
    path("tasks/<int:task_id>/", views.task_detail, name="task_detail"),
]
