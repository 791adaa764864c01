"""A small 泉港区 in a real database, for the subprocess stories: run as
`python -m tests.operations.seed` with DATABASE_URL and MEDIA_ROOT set (after `migrate`).

李明 (liaison of 区发改局) has filed November's report with a reading and a photo; prints his API token and
the ids the stories need, as JSON."""

from __future__ import annotations

import json


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    # the story's people log in with the known test password: no first-login change for them
    os.environ.setdefault("ACCOUNTS_NEW_MUST_CHANGE_PASSWORD", "0")
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.tokens import issue
    from tests.factories import PASSWORD
    from tests.operations.support import PNG
    from tests.progress.factories import build_world, file

    world = build_world()
    november = world.period("month", 11)
    report = file(
        world,
        november,
        readings={world.indicator.pk: (5.6, "前三季度")},
        evidence=[SimpleUploadedFile("现场照片.png", PNG)],
    )
    _token, raw_token = issue(world.liming)
    print(
        json.dumps(
            {
                "token": raw_token,
                "username": world.liming.username,
                "password": PASSWORD,
                "task_id": world.task.pk,
                "unit_id": world.fagai.pk,
                "november": november.pk,
                "october": world.period("month", 10).pk,
                "report_id": report.pk,
            }
        )
    )


if __name__ == "__main__":
    main()
