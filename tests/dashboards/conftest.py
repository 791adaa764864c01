from tests.progress.conftest import fast_passwords, media, today, world  # noqa: F401  (the same cast)
