from django.urls import path

from accounts import views

urlpatterns = [
    path("password/", views.password_change, name="account-password"),
    path("2fa/setup/", views.second_factor_setup, name="account-2fa-setup"),
    path("2fa/verify/", views.second_factor_verify, name="account-2fa-verify"),
    path("audit/", views.audit_check, name="account-audit-check"),
]
