"""duban's table of contents."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from duban import views

urlpatterns = [
    path("api/v1/", include("api.urls")),  # first: the API is asked most often (the deadline day's load)
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("targets.urls")),
    path("import/", include("ingest.urls")),
    path("", include("progress.urls")),
    path("supervision/", include("supervision.urls")),
    path("", include("exports.urls")),
    path("", include("ops.urls")),
    path("notify/", include("notify.urls")),
    path("onboarding/", include("onboarding.urls")),
    path("", include("assessment.urls")),
    path("", include("dashboards.urls")),
    path("", include("portal.urls")),
]
