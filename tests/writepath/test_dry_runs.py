"""A dry run writes nothing: the SQLite file is byte-for-byte the same afterwards (checked from outside,
in a real process, as an administrator would run it)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.ingest.gold import QUANGANG, seed_path

pytestmark = pytest.mark.slow

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def _manage(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{db}",
        "MEDIA_ROOT": str(db.parent / "media"),
        "DJANGO_SETTINGS_MODULE": "duban.settings",
    }
    return subprocess.run(
        [sys.executable, MANAGE, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _files(db: Path) -> dict[str, str]:
    """The database file and its WAL/SHM companions, each by its SHA-256."""
    found = sorted(db.parent.glob(db.name + "*"))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in found}


def test_dry_runs_leave_the_database_file_byte_for_byte_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "duban.sqlite3"
    assert _manage(db, "migrate", "--noinput").returncode == 0
    imported = _manage(db, "import_plan", str(seed_path(QUANGANG)), "--region", "泉港区")
    assert imported.returncode == 0, imported.stderr
    before = _files(db)
    runs = [
        ("import_plan", str(seed_path(QUANGANG)), "--region", "泉港区", "--dry-run"),
        ("import_plan", str(seed_path(QUANGANG)), "--region", "鲤城区", "--dry-run"),  # refused: nothing kept
        ("periods", "--close-reviews", "--dry-run"),
        ("audit_verify", "--dry-run"),
    ]
    outputs = [_manage(db, *run) for run in runs]
    assert _files(db) == before
    assert "dry run: nothing was written" in outputs[0].stdout
    assert outputs[1].returncode != 0
    assert "不是鲤城区的" in outputs[1].stderr
    assert "would create 0" in outputs[2].stdout  # the import already created the plan's periods
    assert outputs[3].returncode == 0
    assert "intact" in outputs[3].stdout
