"""Request-level security: body size on the API, session time limits, first-login and second-factor gates."""

from __future__ import annotations

import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.services import needs_second_factor
from accounts.signals import LOGIN_AT, MUST_CHANGE, SEEN_AT

Handler = Callable[[HttpRequest], HttpResponse]
API_PREFIX = "/api/"
# Pages a user may reach before changing the first password or passing the second factor.
OPEN_PREFIXES = ("/account/password/", "/account/2fa/", "/logout/", "/login/", "/static/", "/i18n/")
SEEN_WRITE_EVERY = 60  # seconds: the last-seen stamp is written at most once a minute


class BodyLimitMiddleware:
    """An API request whose declared body exceeds API_MAX_BODY_BYTES gets a JSON 413 before it is read."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.API_MAX_BODY_BYTES
            if length > limit:
                message = _("The request is too large: at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
                return JsonResponse({"detail": message}, status=413)
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Log out after SESSION_IDLE_SECONDS without a request, or SESSION_ABSOLUTE_SECONDS after login."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and LOGIN_AT in request.session:
            now = int(time.time())
            seen = int(request.session.get(SEEN_AT, now))
            started = int(request.session[LOGIN_AT])
            if (
                now - seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                if request.path.startswith(API_PREFIX):
                    return JsonResponse(
                        {"detail": _("Your session has expired; please log in again.")}, status=401
                    )
                messages.info(request, _("Your session has expired; please log in again."))
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
            if now - seen >= SEEN_WRITE_EVERY:
                request.session[SEEN_AT] = now
        return self.get_response(request)


def _gate(request: HttpRequest) -> str | None:
    """The page the user must visit first, if any: the password change, then the second factor."""
    if request.session.get(MUST_CHANGE):
        return "account-password"
    user: Any = request.user
    if needs_second_factor(user) and not user.is_verified():
        return (
            "account-2fa-verify"
            if user.totpdevice_set.filter(confirmed=True).exists()
            else "account-2fa-setup"
        )
    return None


class AccountGateMiddleware:
    """A logged-in user with a pending first-login change or second factor reaches nothing else."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            target = _gate(request)
            if target is not None:
                if request.path.startswith(API_PREFIX):
                    return JsonResponse({"detail": _("Finish logging in on the web first.")}, status=403)
                if request.headers.get("HX-Request"):
                    # a part of a page (the counters in the menu) asked for by htmx: nothing to swap in, or
                    # the gate's whole page would land inside the menu
                    return HttpResponse(status=HTTPStatus.NO_CONTENT)
                return redirect(target)
        return self.get_response(request)
