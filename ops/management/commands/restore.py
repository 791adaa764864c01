"""`manage.py restore IN`: a backup folder into an empty database and an empty media folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the empty database of DATABASE_URL and the empty "
        "MEDIA_ROOT; every part is checked against its SHA-256 first. Refuses a database that has tables."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("backup", help="the backup folder")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the backup's parts and say what would be restored"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["backup"])
        try:
            if options["dry_run"]:
                manifest = read_manifest(folder)
                self.stdout.write(f"the backup is intact: {len(manifest['parts'])} part(s), nothing restored")
                return
            manifest = restore_backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"restored the {manifest['engine']} database and {len(manifest['parts']) - 1} media file(s) "
            f"from {folder}, made {manifest['created_at']}"
        )
