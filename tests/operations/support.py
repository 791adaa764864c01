"""Helpers for the operations stories: real processes (manage.py, gunicorn, make serve) spoken to over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
PG_ADMIN = os.environ.get("OPS_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
KEYS = {
    "SECRET_KEY": "ops-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "AUDIT_KEY": "ops-test-audit-key-0123456789abcdef",
    "FIELD_KEY": "ops-test-field-key-0123456789abcdef01",
}
# a 1×1 PNG: a real image, accepted as evidence
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def env(database_url: str, media: Path, **extra: str) -> dict[str, str]:
    """The environment of a production duban process on this database and media folder."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "PYTEST", "DJANGO_"))}
    return {
        **base,
        **KEYS,
        "DJANGO_SETTINGS_MODULE": "duban.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "DEBUG": "0",
        "REQUIRE_2FA": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_FORMAT": "json",
        **extra,
    }


def manage(*args: str, environ: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300
    )
    if check and done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def pg_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
    except Exception:
        return False
    return True


@contextmanager
def pg_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database (dropped afterwards); yields its URL."""
    import psycopg
    from psycopg import sql

    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgres://") + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


class Browser:
    """A person's browser, as far as a server can tell: cookies, CSRF tokens, the TLS proxy's header."""

    def __init__(self, base: str):
        self.url = urllib.parse.urlparse(base)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.url.hostname or "127.0.0.1", self.url.port, timeout=60)
        sent = {"X-Forwarded-Proto": "https", "Accept-Language": "zh-hans", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            sent.setdefault("Referer", f"https://{self.url.hostname}:{self.url.port}{path}")
        try:
            conn.request(method, path, body, sent)
            r = conn.getresponse()
            raw = r.read()
            for header, value in r.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return r.status, {k.lower(): v for k, v in r.getheaders()}, raw
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path)

    def post_form(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        boundary = uuid.uuid4().hex
        parts: list[bytes] = []
        for k, v in {**fields, "csrfmiddlewaretoken": self.csrf(path)}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            )
        for k, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def csrf(self, path: str) -> str:
        status, _, raw = self.get(path)
        assert status == 200, (path, status, raw[:300])
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', raw)
        assert found, f"no CSRF token on {path}"
        return found.group(1).decode()

    def log_in(self, username: str, password: str) -> None:
        status, _, raw = self.post_form("/login/", {"username": username, "password": password})
        assert status == 302, (status, raw[:500])


def first_report_form(browser: Browser) -> str:
    """The path of the first "file a report" form on 我的待办."""
    status, _, raw = browser.get("/due/")
    assert status == 200, status
    found = re.search(rb'href="(/tasks/\d+/periods/\d+/report/)"', raw)
    assert found, "我的待办 offers no report to file"
    return found.group(1).decode()


# 120 characters: a month's report, and also long enough for a half-year or yearly summary (100–150)
REPORT_TEXT = (
    "本月完成项目现场调研两次，协调解决用地问题一项，形成工作台账并按节点推进，下一步将加快审批手续办理，"
    "确保按期完成年度目标任务，同时加强与配合单位的沟通衔接，及时解决推进中遇到的困难和问题，确保各项工作落到实处。"
)[:120]


def file_through_form(
    browser: Browser, form_path: str, *, text: str = REPORT_TEXT, evidence: bool
) -> tuple[int, bytes]:
    files = {"evidence": ("现场照片.png", PNG)} if evidence else None
    status, _, raw = browser.post_form(
        form_path, {"status": "on_track", "percent": "60", "text": text}, files
    )
    return status, raw


def api(base: str, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname or "127.0.0.1", u.port, timeout=60)
    headers = {"Content-Type": "application/json", "Accept": "application/json", "X-Forwarded-Proto": "https"}
    if token:
        headers["Authorization"] = f"Token {token}"
    try:
        conn.request(method, path, json.dumps(body).encode() if body is not None else None, headers)
        r = conn.getresponse()
        raw = r.read()
        return r.status, (json.loads(raw) if raw and raw[:1] in b"[{" else raw)
    finally:
        conn.close()
