from django.urls import path

from portal.views import city, public, unit

app_name = "portal"
urlpatterns = [
    path("units/", unit.unit_index, name="units"),
    path("units/<int:unit_id>/", unit.unit_page, name="unit"),
    path("units/<int:unit_id>/tasks/<int:task_id>/milestones/", unit.milestone_add, name="milestone_add"),
    path("units/<int:unit_id>/milestones/edit/", unit.milestone_edit, name="milestone_edit"),
    path("units/<int:unit_id>/milestones/close/", unit.milestone_close, name="milestone_close"),
    path("public/", public.index, name="public"),
    path("public/plans/<int:plan_id>/", public.plan, name="public_plan"),
    path("plans/<int:plan_id>/publish/", public.publish, name="publish"),
    path("city/", city.index, name="city_index"),
    path("city/<int:region_id>/", city.rollup, name="city"),
    path("city/<int:region_id>/plans/<int:plan_id>/", city.district_plan, name="city_plan"),
    path("city/<int:region_id>/tasks/<int:task_id>/", city.district_task, name="city_task"),
    path("city/<int:region_id>/compare/", city.compare, name="city_compare"),
]
