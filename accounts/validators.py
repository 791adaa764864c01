"""Password policy beyond Django's own validators: three character classes, not the username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def character_classes(password: str) -> int:
    classes = [
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(classes)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("The password must mix at least three of: lower-case letters, capitals, digits, symbols.")


class NotUsernameValidator:
    def validate(self, password: str, user: Any = None) -> None:
        username = (getattr(user, "username", "") or "").casefold()
        if username and username in password.casefold():
            raise ValidationError(self.get_help_text(), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("The password must not contain the username.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length check, with a message in our catalogue (Django's own lacks a Chinese one)."""

    def get_error_message(self) -> str:
        return _("This password is too short: at least %(min_length)d characters.") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return self.get_error_message()
