"""Account pages: change the password, enrol and pass the second factor, the audit administrator's check."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.api import locked_message
from accounts.services import AUDIT_ADMINS, admin_kinds, change_password
from accounts.signals import MUST_CHANGE
from audit.services import verify


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_password(user=user, new_password=form.cleaned_data["new_password1"], by=user)
        update_session_auth_hash(request, user)
        request.session[MUST_CHANGE] = False
        messages.success(request, _("Your password has been changed. API tokens issued before were revoked."))
        return redirect("home")
    first = bool(request.session.get(MUST_CHANGE))
    return render(request, "accounts/password_change.html", {"form": form, "first": first})


def _otpauth_uri(device: TOTPDevice, username: str) -> tuple[str, str]:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    issuer = settings.OTP_TOTP_ISSUER
    label = quote(f"{issuer}:{username}")
    return secret, f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}&digits=6&period=30"


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """GET explains; POST 'start' makes a new secret and shows it once; POST 'confirm' checks a first code."""
    user: Any = request.user
    context: dict[str, Any] = {"has_device": user.totpdevice_set.filter(confirmed=True).exists()}
    if request.method == "POST" and request.POST.get("action") == "start":
        user.totpdevice_set.filter(confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
        context["secret"], context["uri"] = _otpauth_uri(device, user.get_username())
    elif request.method == "POST":
        device = user.totpdevice_set.filter(confirmed=False).first()
        if device is not None and device.verify_token(request.POST.get("token", "").strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            user.totpdevice_set.filter(confirmed=True).exclude(pk=device.pk).delete()
            otp_login(request, device)
            messages.success(request, _("The second factor is set up."))
            return redirect("home")
        context["error"] = _("The code is wrong; start again and enter the code your app shows.")
    return render(request, "accounts/second_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        device = match_token(request.user, request.POST.get("token", "").strip())
        if device is not None:
            otp_login(request, device)
            return redirect(request.GET.get("next") or "home")
        error = _("The code is wrong or expired.")
    return render(request, "accounts/second_factor_verify.html", {"error": error})


@login_required
def audit_check(request: HttpRequest) -> HttpResponse:
    """The audit administrator (or a superuser) verifies the chain; nothing is written."""
    user: Any = request.user
    if not (user.is_superuser or AUDIT_ADMINS in admin_kinds(user)):
        raise PermissionDenied
    return render(request, "accounts/audit_check.html", {"problems": verify()})


def locked_out(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a locked account or address: JSON on the API, a Chinese page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": locked_message()}, status=429)
    return render(request, "accounts/locked.html", {"message": locked_message()}, status=429)
