"""The in-memory SQLite test database from a migrated template file (tests/conftest.py, `make mutation`)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection


def in_memory_test_database(template: str) -> None:
    """Point the default connection at its in-memory test database and fill it from `template`.

    The first call (no template yet) migrates as Django's test runner does and saves the result; the template
    is written to a temporary name and renamed, so parallel sessions never read half a file.
    """
    if connection.vendor != "sqlite":
        msg = "DUBAN_TEST_DB_TEMPLATE works on SQLite only"
        raise RuntimeError(msg)
    name = connection.creation._get_test_db_name()  # type: ignore[attr-defined]  # SQLite's in-memory test name
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    live = connection.connection
    path = Path(template)
    if path.exists():
        with sqlite3.connect(path) as source:
            source.backup(live)
        return
    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    call_command("createcachetable", verbosity=0)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    target = sqlite3.connect(partial)
    try:
        live.backup(target)
    finally:
        target.close()
    partial.replace(path)
