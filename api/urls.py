"""/api/v1 — thin adapters over the same services the pages use. One module per area."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("api.plans")),
    path("", include("api.plan_edits")),
    path("", include("api.progress")),
    path("", include("accounts.api")),
    path("", include("api.supervision")),
    path("", include("api.documents")),
    path("", include("api.assessment")),
]
