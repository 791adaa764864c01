import os

# Playwright runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# With DEBUG off duban refuses to start without its keys; the settings give the test run development keys
# (pytest is loaded), and manage.py subprocesses started by tests get test keys from here.
for _key in ("SECRET_KEY", "AUDIT_KEY", "FIELD_KEY"):
    os.environ.setdefault(_key, f"duban-test-only-{_key.lower()}-0123456789abcdef")
