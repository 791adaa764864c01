"""A throw-away Django for a bench: a SQLite file database (WAL, the default deployment) in a temporary folder,
DEBUG off as in production, throw-away keys, no second factor. Call before importing anything of Django."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

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
