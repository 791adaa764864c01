"""API tokens: random, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import ApiToken
from accounts.prepared import USER_BY_PK, RowBy


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue(user: Any, *, now: datetime.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for the user; the raw value is returned once and never stored."""
    now = now or timezone.now()
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=token_hash(raw),
        prefix=raw[:8],
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.API_TOKEN_DAYS),
    )
    return token, raw


def find_live(raw: str, *, now: datetime.datetime | None = None) -> ApiToken | None:
    """The live token with this value (not revoked, not expired), with its user; two short queries.

    Every API request asks this first, so both reads are compiled once per process (accounts.prepared):
    building the same query through the ORM each time costs several times running it."""
    now = now or timezone.now()
    token = _LIVE_TOKEN.get(token_hash(raw))
    if token is None or token.expires_at <= now:
        return None
    user = USER_BY_PK.get(token.user_id)
    if user is None:
        return None
    token.user = user
    return token


_LIVE_TOKEN = RowBy(ApiToken, "key_hash", revoked_at__isnull=True)


def revoke_all(user: Any, *, reason: str) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )


def revoke(token: ApiToken, *, reason: str) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
