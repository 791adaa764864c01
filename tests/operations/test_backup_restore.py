"""The operator backs duban up and restores it into a new, empty database: every row, every file, the
audit chain — and refuses to restore over data or from a damaged backup."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.operations.conftest import Site
from tests.operations.support import env, manage, pg_database


def checksum(environ: dict[str, str]) -> str:
    return manage("checksum", environ=environ).stdout.strip().splitlines()[0]


@pytest.fixture(scope="module")
def sqlite_backup(sqlite_site: Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One backup of the SQLite site, and the site's checksum when it was taken."""
    folder = tmp_path_factory.mktemp("backups") / "backup"
    manage("backup", str(folder), environ=sqlite_site.env)
    return folder, checksum(sqlite_site.env)


def test_a_sqlite_backup_comes_back_row_for_row_with_its_files_and_chain(
    sqlite_backup: tuple[Path, str], tmp_path: Path
) -> None:
    backup, original = sqlite_backup
    manifest = json.loads((backup / "manifest.json").read_text())
    assert [p["path"] for p in manifest["parts"]] == ["database.sqlite3", "media/evidence/1/1/现场照片.png"]
    assert all(len(p["sha256"]) == 64 for p in manifest["parts"])

    restored = env(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
    out = manage("restore", str(backup), environ=restored)
    assert "restored the sqlite database and 1 media file" in out.stdout
    assert manage("audit_verify", environ=restored).stdout.strip() == "audit trail intact"
    assert checksum(restored) == original
    # the microseconds of every timestamp survived (dumpdata/loaddata would have cut them)
    db = sqlite3.connect(tmp_path / "restored.sqlite3")
    stamps = [row[0] for row in db.execute("select at from audit_auditevent")]
    assert stamps
    assert all("." in s for s in stamps)


def test_a_restore_over_a_database_with_data_is_refused_in_chinese(
    sqlite_site: Site, sqlite_backup: tuple[Path, str]
) -> None:
    backup, original = sqlite_backup
    done = manage("restore", str(backup), environ=sqlite_site.env, check=False)
    assert done.returncode == 1
    assert "不是空的" in done.stderr, done.stderr
    assert checksum(sqlite_site.env) == original


def test_a_damaged_backup_is_refused_before_anything_is_written(
    sqlite_backup: tuple[Path, str], tmp_path: Path
) -> None:
    shutil.copytree(sqlite_backup[0], tmp_path / "backup")
    photo = next((tmp_path / "backup" / "media").rglob("*.png"))
    photo.write_bytes(photo.read_bytes()[:-1] + b"\1")
    target = env(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
    done = manage("restore", str(tmp_path / "backup"), environ=target, check=False)
    assert done.returncode == 1
    assert "已损坏" in done.stderr, done.stderr
    assert not (tmp_path / "restored-media").exists()
    assert not (tmp_path / "restored.sqlite3").exists()


def test_a_backup_never_overwrites_an_earlier_one(sqlite_site: Site, sqlite_backup: tuple[Path, str]) -> None:
    done = manage("backup", str(sqlite_backup[0]), environ=sqlite_site.env, check=False)
    assert done.returncode == 1
    assert "不为空" in done.stderr or "已存在" in done.stderr, done.stderr


def test_a_postgresql_backup_comes_back_into_a_fresh_database(pg_site: Site, tmp_path: Path) -> None:
    manage("backup", str(tmp_path / "backup"), environ=pg_site.env)
    assert (tmp_path / "backup" / "database.dump").stat().st_size > 0
    with pg_database("ops_dst") as url:
        restored = env(url, tmp_path / "restored-media")
        manage("restore", str(tmp_path / "backup"), environ=restored)
        assert manage("audit_verify", environ=restored).stdout.strip() == "audit trail intact"
        assert checksum(restored) == checksum(pg_site.env)
        done = manage("restore", str(tmp_path / "backup"), environ=restored, check=False)
        assert done.returncode == 1
        assert "不是空的" in done.stderr
