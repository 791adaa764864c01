"""`manage.py purge_uploads [--dry-run]`: delete uploaded import files older than UPLOAD_RETENTION_DAYS.

Daily from cron. Only finished batches (imported, refused, cancelled) lose their file; the batch row, what
it imported and its audit events stay. Each file is claimed with a conditional UPDATE, so two runs at once
delete it once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.services import record
from ingest.models import ImportBatch

ACTOR = "manage.py purge_uploads"
FINISHED = [ImportBatch.Status.CONFIRMED, ImportBatch.Status.FAILED, ImportBatch.Status.CANCELLED]


class Command(BaseCommand):
    help = "Delete uploaded import files kept longer than UPLOAD_RETENTION_DAYS (finished batches only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - datetime.timedelta(days=settings.UPLOAD_RETENTION_DAYS)
        due = ImportBatch.objects.filter(created_at__lt=cutoff, status__in=FINISHED).exclude(file="")
        purged = 0
        for batch in due.only("pk", "file", "original_name").order_by("pk"):
            name = batch.file.name
            if options["dry_run"]:
                self.stdout.write(f"would delete {name} ({batch.original_name})")
                continue
            if not ImportBatch.objects.filter(pk=batch.pk, file=name).update(file=""):
                continue  # another run took it
            batch.file.storage.delete(name)
            record(
                actor=ACTOR,
                verb="ingest.upload_purged",
                obj=batch,
                before={"file": name},
                after={"file": "", "retention_days": settings.UPLOAD_RETENTION_DAYS},
            )
            purged += 1
        self.stdout.write(f"purged {purged} uploaded file(s)" if not options["dry_run"] else "dry run")
