"""`manage.py infer_tags [--dry-run]`: tag the tasks that have no tags yet from their headings and text."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from supervision.services import infer_missing_tags
from targets.models import Task


class Command(BaseCommand):
    help = "Infer tags (key indicator, key project, reform, livelihood) for tasks without any."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            n = infer_missing_tags(tasks=Task.objects.filter(tags=[]), by="manage.py infer_tags")
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stdout.write(f"{'would tag' if options['dry_run'] else 'tagged'} {n} task(s)")
