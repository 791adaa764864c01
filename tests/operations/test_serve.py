"""`make serve` on PostgreSQL: gunicorn with two workers, the background worker and the periodic loop. 李明
logs in, opens 我的待办 and files a report with a photo through it; /healthz sees the database and the
worker. Then the database "restarts" under a running duban: a clear 503 in Chinese, and duban recovers
without being restarted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.parse
from pathlib import Path
from typing import Any

import psycopg

from tests.operations.conftest import Site
from tests.operations.proxy import RestartingRelay
from tests.operations.support import (
    PY,
    ROOT,
    Browser,
    api,
    file_through_form,
    first_report_form,
    free_port,
    wait_for_port,
)


def _count(url: str, table: str) -> int:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as c:
        row = c.execute(f"select count(*) from {table}").fetchone()
        assert row is not None
        return int(row[0])


def _healthy(base: str, seconds: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        status, state = api(base, "GET", "/healthz")
        if status == 200:
            return state
        time.sleep(0.5)
    raise AssertionError(f"/healthz never became healthy: {state}")


def test_make_serve_runs_duban_and_a_liaison_files_through_it(pg_site: Site, tmp_path: Path) -> None:
    port = free_port()
    environ = {**pg_site.env, "PORT": str(port), "WEB_CONCURRENCY": "2", "PERIODIC_INTERVAL": "1"}
    serve = subprocess.Popen(
        ["make", "serve"],
        cwd=ROOT,
        env=environ,
        stdout=open(tmp_path / "serve.log", "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port, 120)
        state = _healthy(base)
        assert state["database"]["ok"]
        assert state["worker"]["ok"]
        assert state["periodic"]["ok"]

        reports, photos = (
            _count(pg_site.url, "progress_progressreport"),
            _count(pg_site.url, "progress_evidence"),
        )
        liming = Browser(base)
        liming.log_in(pg_site.seed["username"], pg_site.seed["password"])
        form = first_report_form(liming)
        status, page = file_through_form(liming, form, evidence=True)
        assert status == 302, page[:500]
        assert _count(pg_site.url, "progress_progressreport") == reports + 1
        assert _count(pg_site.url, "progress_evidence") == photos + 1
        status, _, css = liming.get("/static/css/duban.css")  # static files come from WhiteNoise
        assert status == 200
        assert css
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(60)
    lines = (tmp_path / "serve.log").read_text(errors="replace").splitlines()
    access = [json.loads(line) for line in lines if line.startswith("{") and '"gunicorn.access"' in line]
    assert any(entry["path"] == form and entry["status"] == "302" for entry in access)  # structured logs


def test_a_database_restart_gives_a_clear_503_and_duban_recovers_by_itself(
    pg_site: Site, tmp_path: Path
) -> None:
    u = urllib.parse.urlparse(pg_site.url)
    relay = RestartingRelay((u.hostname or "127.0.0.1", u.port or 5432))
    through_relay = u._replace(netloc=f"{u.username}@127.0.0.1:{relay.port}").geturl()
    port = free_port()
    environ = {**pg_site.env, "DATABASE_URL": through_relay, "CONN_MAX_AGE": "600"}
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "duban.wsgi"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.log", "wb"),  # noqa: SIM115
    )
    base, token = f"http://127.0.0.1:{port}", pg_site.seed["token"]
    try:
        wait_for_port(port)
        for _ in range(4):  # both workers hold a database connection
            assert api(base, "GET", "/api/v1/me/due", token=token)[0] == 200

        relay.stop()
        for _ in range(4):
            status, body = api(base, "GET", "/api/v1/me/due", token=token)
            assert status == 503
            assert "数据库暂时没有响应" in body["detail"]
        browser = Browser(base)  # the login page needs no database; logging in does
        status, _, page = browser.post_form("/login/", {"username": "liming", "password": "x"})
        assert status == 503
        assert "暂时无法使用" in page.decode()

        relay.start()  # the database is back: no restart of duban
        for _ in range(4):
            assert api(base, "GET", "/api/v1/me/due", token=token)[0] == 200
    finally:
        server.terminate()
        server.wait(30)
        relay.stop()
