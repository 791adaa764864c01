"""Authentication backends: django-axes' lockout in front, then the password against the user table."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from accounts.prepared import USER_BY_PK


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """Axes' check for every login that comes with a request (the login page, the token endpoint).

    Logins without a request (the test client's login(), a shell) are not web logins: nothing to lock.
    """

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[no-any-return]


class PasswordBackend(ModelBackend):
    """Django's ModelBackend, with the session's user read by a query compiled once per process: every page
    of a logged-in user asks for it (the ORM's build of the same query cost more than the rest of a kept
    我的待办)."""

    def get_user(self, user_id: Any) -> Any:
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = USER_BY_PK.get(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
