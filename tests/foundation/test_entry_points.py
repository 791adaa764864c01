"""The servers' entry points: the WSGI and ASGI applications answer a request for the login page."""

from __future__ import annotations

import asyncio
import io
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_wsgi_application_serves_the_login_page():
    from duban.wsgi import application

    environ: dict[str, Any] = {
        "PATH_INFO": "/login/",
        "HTTP_HOST": "localhost",
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
    }
    setup_testing_defaults(environ)
    seen: list[str] = []
    body = b"".join(application(environ, lambda status, headers: seen.append(status)))
    assert seen == ["200 OK"]
    assert "登录" in body.decode()


def test_the_asgi_application_serves_the_login_page():
    from duban.asgi import application

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "https",
        "path": "/login/",
        "raw_path": b"/login/",
        "query_string": b"",
        "headers": [(b"host", b"localhost"), (b"x-forwarded-proto", b"https")],
        "server": ("localhost", 443),
        "client": ("127.0.0.1", 50000),
    }
    sent: list[dict[str, Any]] = []

    requests: list[dict[str, Any]] = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> dict[str, Any]:
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the client stays connected until the response is sent
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(application(scope, receive, send))
    assert sent[0]["type"] == "http.response.start"
    assert sent[0]["status"] == 200
    assert "登录" in b"".join(m.get("body", b"") for m in sent[1:]).decode()
