"""`manage.py demo` reads its tables from duban/demo_data, never from tests/ (a deployment has no tests)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from duban.management.commands import demo


def test_the_demo_reads_its_own_copy_of_the_seed_tables() -> None:
    base = Path(settings.BASE_DIR)
    assert base / "duban" / "demo_data" == demo.SEED_DIR
    assert "tests" not in demo.SEED_DIR.relative_to(base).parts
    for _prefix, _region, name in demo.SEEDS:
        ours = demo.SEED_DIR / name
        assert ours.read_bytes() == (base / "tests" / "data" / "seeds" / name).read_bytes(), name
