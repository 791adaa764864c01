import datetime as dt

import pytest

from tests.progress.factories import World, build_world


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db, media) -> World:
    return build_world()


@pytest.fixture
def today(monkeypatch):
    """Pin "today" for the views and the API (2026-04-03 unless a test says otherwise)."""

    def set_today(day: dt.date) -> dt.date:
        monkeypatch.setattr("progress.clock.today", lambda: day)
        return day

    set_today(dt.date(2026, 4, 3))
    return set_today
