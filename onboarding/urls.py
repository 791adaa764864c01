from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("regions/new/", views.region_new, name="region_new"),
    path("regions/<int:region_id>/people/", views.people, name="people"),
    path("regions/<int:region_id>/roster.xlsx", views.roster_template, name="roster_template"),
    path("regions/<int:region_id>/roster/", views.roster_upload, name="roster_upload"),
    path("regions/<int:region_id>/roster/confirm/", views.roster_confirm, name="roster_confirm"),
    path("people/<int:person_id>/active/", views.person_active, name="person_active"),
]
