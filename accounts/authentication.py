"""DRF authentication with our hashed tokens; the header stays `Authorization: Token <token>`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from accounts.tokens import find_live


class HashedTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:  # noqa: PLR2004
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            raw = parts[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        token = find_live(raw)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is invalid, expired or revoked; ask for a new one."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
