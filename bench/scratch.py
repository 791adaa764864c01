"""A throw-away Django for a bench: a SQLite file database (WAL, the default deployment) in a temporary folder,
DEBUG off as in production, throw-away keys, no second factor. Call before importing anything of Django."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def scratch_django(prefix: str) -> Path:
    """Set the environment for a scratch database under a new temporary folder, set Django up; the folder."""
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    for name in ("SECRET_KEY", "AUDIT_KEY", "FIELD_KEY"):
        os.environ.setdefault(name, f"bench-only-{name.lower()}-not-a-secret")
    os.environ["REQUIRE_2FA"] = "0"
    import django

    django.setup()
    return tmp


def counted_get(client: Any, url: str) -> tuple[int, Any]:
    """(queries, the response) of one GET url."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(url)
    return count, response


def cpu_and_queries(client: Any, url: str, repeat: int) -> tuple[float, int, Any]:
    """(median CPU ms, queries, the response) of GET url after one warm call: CPU time, since the machine may be
    shared and wall time is noisy."""
    client.get(url)
    count, response = counted_get(client, url)
    times = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(url)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000, count, response
