import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.operations.support import PY, ROOT, env, manage, pg_answers, pg_database


@dataclass
class Site:
    """A running duban's data: its database URL, media folder, and the seed's ids (李明's token, …)."""

    url: str
    media: Path
    seed: dict[str, Any]

    @property
    def env(self) -> dict[str, str]:
        return env(self.url, self.media)


def _seed(url: str, media: Path) -> dict[str, Any]:
    environ = env(url, media)
    manage("migrate", "--noinput", "-v0", environ=environ)
    import subprocess

    done = subprocess.run(
        [PY, "-m", "tests.operations.seed"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="session")
def sqlite_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """泉港区 in a SQLite file, built once per run; copy it with `sqlite_copy` before changing it."""
    folder = tmp_path_factory.mktemp("sqlite-site")
    url = f"sqlite:///{folder / 'duban.sqlite3'}"
    return Site(url, folder / "media", _seed(url, folder / "media"))


@pytest.fixture
def sqlite_copy(sqlite_site: Site, tmp_path: Path) -> Site:
    """A private copy of the SQLite site (database and media) for a story that writes."""
    source = sqlite3.connect(sqlite_site.url.removeprefix("sqlite:///"))
    target = sqlite3.connect(tmp_path / "copy.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    shutil.copytree(sqlite_site.media, tmp_path / "media")
    return Site(f"sqlite:///{tmp_path / 'copy.sqlite3'}", tmp_path / "media", sqlite_site.seed)


@pytest.fixture(scope="session")
def pg_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """泉港区 in its own PostgreSQL database (not the test run's), dropped at the end."""
    if not pg_answers():
        pytest.skip(
            "PostgreSQL does not answer at 127.0.0.1:5432: its backup, restore and serving are not tested"
        )
    folder = tmp_path_factory.mktemp("pg-site")
    with pg_database("ops_src") as url:
        yield Site(url, folder / "media", _seed(url, folder / "media"))
