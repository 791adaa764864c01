"""Backup and restore of a whole duban: the database, every media file, and a manifest with their SHA-256.

A backup is a folder:
    manifest.json            format, engine, when, and {path, size, sha256} of every part
    database.sqlite3         SQLite: a consistent copy through SQLite's online backup API
    database.dump            PostgreSQL: pg_dump's custom format (restored with pg_restore)
    media/…                  every file under MEDIA_ROOT, same relative paths

Both engines copy rows byte for byte (no dumpdata/loaddata), so timestamps keep their microseconds, the
audit chain still verifies, and nothing is recorded again. A restore goes only into an empty database.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ops.checksum import file_sha256, media_files

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_PART = "database.sqlite3"
PG_PART = "database.dump"
MEDIA = "media"
ENSURE = Path(settings.BASE_DIR) / "bin" / "ensure-system-packages"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Part:
    path: str
    size: int
    sha256: str


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor})
    return vendor


def _sqlite_path() -> Path:
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(_("This SQLite database lives in memory; there is no file to back up."))
    return Path(name)


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in (("PGHOST", db.get("HOST")), ("PGPORT", db.get("PORT")), ("PGUSER", db.get("USER"))):
        if value:
            env[key] = str(value)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore, installed (postgresql-client) when missing and allowed."""
    found = shutil.which(name)
    if found is None and ENSURE.exists():
        subprocess.run([str(ENSURE), "postgresql-client"], check=False)
        found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("%(tool)s is missing: install the postgresql-client package of your PostgreSQL version.")
            % {"tool": name}
        )
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name}: {done.stderr.strip() or done.stdout.strip()}")


def _part(folder: Path, relative: str) -> Part:
    path = folder / relative
    return Part(relative, path.stat().st_size, file_sha256(path))


def _snapshot_database(folder: Path, engine: str) -> str:
    if engine == "sqlite":
        source = sqlite3.connect(f"file:{_sqlite_path()}?mode=ro", uri=True)
        target = sqlite3.connect(folder / SQLITE_PART)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return SQLITE_PART
    _run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(folder / PG_PART)]
    )
    return PG_PART


def _copy_media(folder: Path) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    copied = []
    for relative in media_files(root):
        target = folder / MEDIA / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
        copied.append(f"{MEDIA}/{relative.as_posix()}")
    return copied


def make_backup(out: Path) -> dict[str, Any]:
    """Write a backup folder at `out` (new, or an empty folder). The database first, then the media files,
    so every file a backed-up row points to is in the backup."""
    engine = _engine()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(_("%(out)s already exists and is not empty; choose a new folder.") % {"out": out})
    out.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    parts = [_snapshot_database(out, engine), *_copy_media(out)]
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created_at": created.isoformat(),
        "parts": [vars(_part(out, p)) for p in parts],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    """The backup's manifest, after checking every part against its size and SHA-256."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(
            _("%(folder)s is not a duban backup: it has no manifest.json.") % {"folder": folder}
        )
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup's format is not one this version of duban can restore."))
    for part in manifest["parts"]:
        file = folder / part["path"]
        if not file.is_file() or file.stat().st_size != part["size"] or file_sha256(file) != part["sha256"]:
            raise BackupError(
                _("The backup is damaged: %(part)s does not match its checksum. Nothing was restored.")
                % {"part": part["path"]}
            )
    return manifest


def _check_empty_target(engine: str) -> None:
    if connection.vendor != engine:
        raise BackupError(
            _("This backup is of a %(backup)s database; DATABASE_URL points at %(target)s.")
            % {"backup": engine, "target": connection.vendor}
        )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            _(
                "The database %(name)s is not empty (it has %(count)d tables); nothing was restored. "
                "Restore only into a new, empty database: create one and point DATABASE_URL at it."
            )
            % {"name": connection.settings_dict["NAME"], "count": len(tables)}
        )


def _check_media_target(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The media parts still to copy. A file already in MEDIA_ROOT with the backup's content is kept (the
    disk survived, the database did not); one with other content stops the restore before anything changes."""
    root = Path(settings.MEDIA_ROOT)
    todo = []
    for part in manifest["parts"]:
        if not part["path"].startswith(MEDIA + "/"):
            continue
        relative = Path(part["path"][len(MEDIA) + 1 :])
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(
                _("The backup is damaged: %(part)s points outside the media folder.") % {"part": part["path"]}
            )
        target = root / relative
        if not target.exists():
            todo.append(part)
        elif not target.is_file() or file_sha256(target) != part["sha256"]:
            raise BackupError(
                _("%(file)s already exists in the media folder with other content; nothing was restored.")
                % {"file": target}
            )
    return todo


def _restore_database(folder: Path, engine: str) -> None:
    if engine == "sqlite":
        target_path = _sqlite_path()
        connection.close()
        source = sqlite3.connect(f"file:{folder / SQLITE_PART}?mode=ro", uri=True)
        target = sqlite3.connect(target_path)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    connection.close()
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            str(connection.settings_dict["NAME"]),
            str(folder / PG_PART),
        ]
    )


def restore_backup(folder: Path) -> dict[str, Any]:
    """Restore a backup folder into the empty database of DATABASE_URL and the empty MEDIA_ROOT."""
    manifest = read_manifest(folder)
    engine = manifest["engine"]
    _check_empty_target(engine)
    media = _check_media_target(manifest)
    _restore_database(folder, engine)
    root = Path(settings.MEDIA_ROOT)
    for part in media:
        target = root / part["path"][len(MEDIA) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / part["path"], target)
    return manifest
