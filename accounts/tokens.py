"""API tokens: random, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import ApiToken


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
    """The live token with this value (not revoked, not expired), with its user; one query."""
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, expires_at__gt=now or timezone.now())
        .first()
    )


def revoke_all(user: Any, *, reason: str) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )


def revoke(token: ApiToken, *, reason: str) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
