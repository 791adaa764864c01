"""A text field encrypted at rest with AES-256-GCM; the key comes from the environment (settings.FIELD_KEY).

Stored as `enc1:` + base64(nonce ‖ ciphertext ‖ tag). The model sees plain text, so code that reads or writes
`person.phone` is unchanged; the database (and its backups) hold only ciphertext. Rows written before the
field was encrypted are read as they are and encrypted when next saved (the migration re-saves them all).
"""

from __future__ import annotations

import base64
import hashlib
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1:"
NONCE_BYTES = 12


def _cipher() -> AESGCM:
    key = getattr(settings, "FIELD_KEY", "")
    if not key:
        raise ImproperlyConfigured("FIELD_KEY is not set: encrypted fields cannot be read or written.")
    return AESGCM(hashlib.sha256(str(key).encode("utf-8")).digest())


def encrypt(plain: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher().encrypt(nonce, plain.encode("utf-8"), PREFIX.encode())
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption
    raw = base64.b64decode(stored[len(PREFIX) :])
    try:
        return _cipher().decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], PREFIX.encode()).decode("utf-8")
    except InvalidTag as exc:
        raise ImproperlyConfigured("an encrypted field does not open with this FIELD_KEY") from exc


class EncryptedCharField(models.CharField):  # type: ignore[type-arg]
    """A CharField whose value is encrypted in the database. max_length limits the plain text."""

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return decrypt(value) if value else value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if value else value
