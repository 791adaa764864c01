"""One request of each kind on the deadline-day path, timed and counted — where the load test's time goes.

A scratch database with the demo data (SQLite, or PostgreSQL with --db pg), DEBUG off, Django's test client in
process (no gunicorn, no network). For each kind of request — log in, 我的待办, the API's what is due, the report
form, filing a report (with a reading and a photo), "no change", the API's filing — the median wall time over
REPEAT requests and the number of queries. With --cprofile KIND the hottest functions of that kind.

usage: bench/load/requests_profile.py [--db sqlite|pg] [--repeat 10] [--cprofile 我的待办]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]
PASSWORD = "Load-pass-2026"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
FORM = re.compile(r'href="/tasks/(\d+)/periods/(\d+)/report/"')
READING = re.compile(r'name="(reading_\d+)"')
TEXT = "本月完成项目现场调研两次，协调解决用地问题一项，形成工作台账并按节点推进，下一步将加快审批手续办理。"


def environment(db: str, scratch: Path) -> None:
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="load-secret-key-" + "x" * 40,
        AUDIT_KEY="load-audit-key-0123456789",
        FIELD_KEY="load-field-key-0123456789abcdef",
        REQUIRE_2FA="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        MEDIA_ROOT=str(scratch / "media"),
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="duban.settings",
    )
    if db == "pg":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("drop database if exists ops_load_profile with (force)")
            c.execute("create database ops_load_profile")
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/ops_load_profile"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'duban.sqlite3'}"


def timed(
    fn: Callable[[], Any], repeat: int, profile: cProfile.Profile | None
) -> tuple[float, list[str], Any]:
    """(median ms, the queries of the last call, the last result)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, result, queries = [], None, []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            if profile:
                profile.enable()
            result = fn()
            if profile:
                profile.disable()
            times.append((time.perf_counter() - t0) * 1000)
        queries = [q["sql"] for q in ctx.captured_queries]
    return statistics.median(times), queries, result


def main() -> int:  # noqa: PLR0915 — a script reads top to bottom
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--cprofile", default="", help="the kind of request to profile (its name in the table)")
    ap.add_argument("--queries", default="", help="print the SQL of this kind of request")
    args = ap.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="duban-profile-"))
    environment(args.db, scratch)
    import django

    django.setup()
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from audit.services import record
    from orgs.roles import roles_of
    from progress.models import ProgressReport

    call_command("migrate", verbosity=0)
    out = StringIO()
    call_command("demo", password=PASSWORD, json=True, stdout=out)
    liaisons = [a["username"] for a in json.loads(out.getvalue()) if a.get("role") == "liaison"]
    headers: dict[str, Any] = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ACCEPT_LANGUAGE": "zh-hans"}
    rows: list[tuple[str, float, int, int]] = []
    profiles: dict[str, cProfile.Profile] = {}

    def measure(name: str, fn: Callable[[], Any], repeat: int | None = None) -> Any:
        prof = cProfile.Profile() if args.cprofile == name else None
        ms, queries, result = timed(fn, repeat or args.repeat, prof)
        rows.append((name, ms, len(queries), getattr(result, "status_code", 0)))
        if args.queries == name:
            print(f"\n### queries: {name}\n" + "\n".join(q[:300] for q in queries) + "\n")
        if prof:
            profiles[name] = prof
        return result

    people = iter(liaisons)
    client = Client(**headers)

    def login() -> Any:
        c = Client(**headers)
        return c.post("/login/", {"username": next(people), "password": PASSWORD}, secure=True)

    measure("log in (POST /login/)", login, min(args.repeat, 5))
    client.post("/login/", {"username": liaisons[-1], "password": PASSWORD}, secure=True)
    page = measure("我的待办 GET /due/", lambda: client.get("/due/", secure=True))
    measure("API what is due GET /api/v1/me/due", lambda: client.get("/api/v1/me/due", secure=True))

    def file_one() -> Any:
        c, t, p = next(forms)
        form = c.get(f"/tasks/{t}/periods/{p}/report/", secure=True).content.decode()
        data: dict[str, Any] = {"status": "on_track", "percent": "60", "text": TEXT}
        data.update(dict.fromkeys(READING.findall(form), "5.5"))
        data["evidence"] = _png()
        return c.post(f"/tasks/{t}/periods/{p}/report/", data, secure=True)

    t, p = FORM.findall(page.content.decode())[0]
    measure("report form GET", lambda: client.get(f"/tasks/{t}/periods/{p}/report/", secure=True))
    pending: list[tuple[Client, str, str]] = []
    for name in liaisons[:-1]:
        if len(pending) > args.repeat:
            break
        other = Client(**headers)
        other.post("/login/", {"username": name, "password": PASSWORD}, secure=True)
        pending += [(other, *f) for f in FORM.findall(other.get("/due/", secure=True).content.decode())[:1]]
    forms = iter(pending)
    measure("report form GET + file report POST (photo)", file_one, min(args.repeat, 5))
    others = iter(
        ProgressReport.objects.exclude(
            unit__in=roles_of(get_user_model().objects.get(username=liaisons[-1])).member_units
        )
    )

    def due_after_another_filing() -> Any:
        """The deadline day: between two visits another unit has filed (its event recorded, untimed would be
        better; it is ~1 ms of the figure)."""
        with transaction.atomic():
            record(actor=None, verb="progress.report_filed", obj=next(others), after={"profile": True})
        return client.get("/due/", secure=True)

    measure("我的待办 GET /due/ after another unit's filing (+ its event)", due_after_another_filing)
    api_flow(measure, liaisons, args.repeat)
    print_table(rows, args.db)
    for name, prof in profiles.items():
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("ROWS", "45"))
        )
        print(f"\n### cProfile: {name}\n{s.getvalue()}")
    return 0


def api_flow(measure: Callable[..., Any], liaisons: list[str], repeat: int) -> None:
    """The acceptance driver's flow: a token, then GET /api/v1/me/due and POST a report for one item."""
    from django.test import Client

    api = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT="application/json")
    people = iter(liaisons)
    tokens: list[str] = []

    def token() -> Any:
        r = api.post(
            "/api/v1/auth/token",
            {"username": next(people), "password": PASSWORD},
            content_type="application/json",
        )
        tokens.append(r.json()["token"])
        return r

    measure("API log in (POST /api/v1/auth/token)", token, min(repeat, 5))
    while len(tokens) < repeat + 1:
        token()
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Token {tokens[0]}"}
    measure("API what is due (token)", lambda: api.get("/api/v1/me/due", **auth))
    pending = []
    for raw in tokens:
        items = api.get("/api/v1/me/due", HTTP_AUTHORIZATION=f"Token {raw}").json()["items"]
        pending += [(raw, i) for i in items if i["action"] == "file"][:1]
    queue = iter(pending)

    def file_api() -> Any:
        raw, item = next(queue)
        body = {"period_id": item["period_id"], "status": "on_track", "percent": 60, "text": TEXT}
        return api.post(
            f"/api/v1/tasks/{item['task_id']}/reports",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {raw}",
        )

    measure("API file a report (token)", file_api, min(repeat, len(pending)))


def _png() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("现场照片.png", PNG, content_type="image/png")


def print_table(rows: list[tuple[str, float, int, int]], db: str) -> None:
    print(f"| request ({db}, in process) | median ms | queries | status |")
    print("|---|---:|---:|---:|")
    for name, ms, queries, status in rows:
        print(f"| {name} | {ms:.1f} | {queries} | {status} |")


if __name__ == "__main__":
    sys.exit(main())
