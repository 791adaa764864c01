from django.urls import path

from assessment import views

app_name = "assessment"
urlpatterns = [
    path("plans/<int:plan_id>/assessment/", views.results, name="results"),
    path("plans/<int:plan_id>/assessment.xlsx", views.export, name="export"),
    path("plans/<int:plan_id>/assessment/<str:action>/", views.act, name="act"),
    path("plans/<int:plan_id>/assessment/units/<int:unit_id>/", views.unit_score, name="unit_score"),
    path("plans/<int:plan_id>/assessment/units/<int:unit_id>/objection/", views.object_to, name="object"),
]
