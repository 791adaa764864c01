from django.urls import path

from ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:batch_id>/", views.batch, name="batch"),
    path("<int:batch_id>/status", views.batch_status, name="batch_status"),
    path("<int:batch_id>/read", views.parse_now, name="parse_now"),
    path("<int:batch_id>/map", views.map_unit, name="map_unit"),
    path("<int:batch_id>/confirm", views.confirm, name="confirm"),
    path("<int:batch_id>/cancel", views.cancel, name="cancel"),
]
