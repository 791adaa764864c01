import os
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# With DEBUG off duban refuses to start without its keys; the settings give the test run development keys
# (pytest is loaded), and manage.py subprocesses started by tests get test keys from here.
for _key in ("SECRET_KEY", "AUDIT_KEY", "FIELD_KEY"):
    os.environ.setdefault(_key, f"duban-test-only-{_key.lower()}-0123456789abcdef")


# `make mutation` runs a pytest session per mutant; building the in-memory SQLite test database by running
# every migration costs seconds each time. With DUBAN_TEST_DB_TEMPLATE set, the first session migrates and
# saves the database to that file, and every later session copies it into memory (SQLite's backup API) instead
# of migrating. Unset (every other run, and always on PostgreSQL), pytest-django builds the database as usual.
if os.environ.get("DUBAN_TEST_DB_TEMPLATE"):

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment: None, django_db_blocker: object) -> None:
        from tests.db_template import in_memory_test_database

        with django_db_blocker.unblock():  # type: ignore[attr-defined]
            in_memory_test_database(os.environ["DUBAN_TEST_DB_TEMPLATE"])


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache: ids (and so the cache keys of computed lights) repeat between
    tests whose database was rolled back."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, for the browser tests (`pytest.mark.browser`); never
    `playwright install`. One per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()
