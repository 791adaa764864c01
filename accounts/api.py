"""The API's token endpoints: obtain (password, and the second factor where required), rotate, log out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.urls import path
from django.utils.translation import gettext as _
from django_otp import match_token
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import tokens
from accounts.models import ApiToken
from accounts.services import must_change_password, needs_second_factor


class TokenRequest(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)
    otp = serializers.CharField(max_length=12, required=False, allow_blank=True, help_text="TOTP code (6 digits)")


class TokenReply(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="shown once; send it as `Authorization: Token <token>`")
    expires = serializers.DateTimeField()


class Detail(serializers.Serializer[Any]):
    detail = serializers.CharField()


def _issued(user: Any) -> Response:
    token, raw = tokens.issue(user)
    return Response({"token": raw, "expires": token.expires_at.isoformat()})


def _refusal(message: str, code: int) -> Response:
    return Response({"detail": message}, status=code)


class TokenView(APIView):
    """Exchange a username and password (and a TOTP code for supervisors and administrators) for a token."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequest,
        responses={
            200: TokenReply,
            400: OpenApiResponse(description="wrong username or password, or a malformed request"),
            401: OpenApiResponse(Detail, description="a second factor is required or wrong"),
            403: OpenApiResponse(Detail, description="the first password must be changed on the web"),
            413: OpenApiResponse(Detail, description="request body too large"),
            429: OpenApiResponse(Detail, description="locked after repeated failures"),
        },
    )
    def post(self, request: Request) -> Response:
        form = TokenRequest(data=request.data)
        form.is_valid(raise_exception=True)
        http_request = request._request
        user = authenticate(
            request=http_request, username=form.validated_data["username"], password=form.validated_data["password"]
        )
        if getattr(http_request, "axes_locked_out", False):
            return _refusal(locked_message(), status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            return Response({"non_field_errors": [_("Wrong username or password.")]}, status=400)
        if needs_second_factor(user):
            code = form.validated_data.get("otp") or ""
            if not code:
                return _refusal(_("A second factor (TOTP code, field 'otp') is required."), 401)
            if match_token(user, code) is None:
                return _refusal(_("The second-factor code is wrong or expired."), 401)
        if must_change_password(user):
            return _refusal(_("Change your first password on the web before using the API."), 403)
        return _issued(user)


class RotateView(APIView):
    """Replace the token used for this request with a new one (the old one stops working)."""

    @extend_schema(request=None, responses={200: TokenReply, 401: Detail, 403: Detail})
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            tokens.revoke(request.auth, reason="rotated")
        return _issued(request.user)


class LogoutView(APIView):
    """Revoke the token used for this request."""

    @extend_schema(request=None, responses={204: None, 401: Detail, 403: Detail})
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            tokens.revoke(request.auth, reason="logout")
        return Response(status=204)


def locked_message() -> str:
    return _("Too many failed logins: this account or address is locked for an hour. Ask your administrator to unlock it.")


urlpatterns = [
    path("auth/token/rotate", RotateView.as_view(), name="api-token-rotate"),
    path("auth/logout", LogoutView.as_view(), name="api-logout"),
]
