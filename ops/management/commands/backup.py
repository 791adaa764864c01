"""`manage.py backup OUT`: the database (online, consistent), every media file and a SHA-256 manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup API, or pg_dump) and every media file into the new "
        "folder OUT, with manifest.json listing each part's SHA-256. Safe while duban runs."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("out", help="a new (or empty) folder to write the backup into")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        try:
            manifest = make_backup(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = sum(p["size"] for p in manifest["parts"])
        self.stdout.write(
            f"backup of the {manifest['engine']} database and {len(manifest['parts']) - 1} media file(s) "
            f"written to {out} ({size} bytes)"
        )
