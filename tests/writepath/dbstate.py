"""Every table's rows as one digest per table: what "the database did not change" means in these tests."""

from __future__ import annotations

import hashlib

from django.db import connection

# Sessions change on every login; they are the web server's, not the data's.
SKIPPED = {"django_session"}


def table_digests() -> dict[str, str]:
    digests: dict[str, str] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in SKIPPED:
                continue
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            h = hashlib.sha256()
            for row in cursor.fetchall():
                h.update(repr(row).encode())
            digests[table] = h.hexdigest()
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in after.keys() | before.keys() if before.get(t) != after.get(t))
