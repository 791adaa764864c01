"""django-axes in front of the model backend: a locked account or address is refused before the password."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check for every login that comes with a request (the login page, the token endpoint).

    Logins without a request (the test client's login(), a shell) are not web logins: nothing to lock.
    """

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[no-any-return]
