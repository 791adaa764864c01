"""A digest of every row of every table and of every media file: two databases with the same digest hold
the same data, so a restore can be proven equal to what was backed up."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection


def _value(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _rows(table: str) -> Iterator[tuple[Any, ...]]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        pk = connection.introspection.get_primary_key_columns(cursor, table) or []
        if pk:
            cursor.execute(f"SELECT * FROM {qn(table)} ORDER BY {', '.join(qn(c) for c in pk)}")
            for row in cursor:
                yield tuple(_value(v) for v in row)
        else:
            cursor.execute(f"SELECT * FROM {qn(table)}")
            yield from sorted((tuple(_value(v) for v in row) for row in cursor), key=repr)


def _digest(items: Iterable[object]) -> str:
    h = hashlib.sha256()
    for item in items:
        h.update(repr(item).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def table_digests() -> dict[str, str]:
    """Each table's digest over all its rows, in primary-key order."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
    return {table: _digest(_rows(table)) for table in tables}


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            h.update(block)
    return h.hexdigest()


def media_files(root: Path | None = None) -> list[Path]:
    """Every file under MEDIA_ROOT, relative to it, sorted."""
    base = Path(root or settings.MEDIA_ROOT)
    if not base.is_dir():
        return []
    return sorted(p.relative_to(base) for p in base.rglob("*") if p.is_file())


def media_digest(root: Path | None = None) -> tuple[int, str]:
    base = Path(root or settings.MEDIA_ROOT)
    files = media_files(base)
    return len(files), _digest((str(p), file_sha256(base / p)) for p in files)


def checksum() -> tuple[str, dict[str, str], tuple[int, str]]:
    """(total, per-table digests, (media file count, media digest))."""
    tables = table_digests()
    media = media_digest()
    total = _digest([*sorted(tables.items()), ("media", media[1])])
    return total, tables, media
