"""`manage.py digest [--date YYYY-MM-DD] [--dry-run]`: queue the weekly "needs attention" digest for every
district leader and supervision office (inbox and e-mail). One digest per person and week: safe to run twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notify import digest, hours, outbox


class Command(BaseCommand):
    help = "Queue the weekly digest for each district leader's portfolio and for each supervision office."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="the day to act for (YYYY-MM-DD); default today, local time")
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be queued; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = (
                dt.date.fromisoformat(options["date"])
                if options["date"]
                else timezone.now().astimezone(hours.LOCAL).date()
            )
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from exc
        drafts = digest.drafts_for(day)
        queued = outbox.enqueue(drafts, dry_run=options["dry_run"])
        verb = "would queue" if options["dry_run"] else "queued"
        self.stdout.write(f"digest {day.isoformat()}: {len(drafts)} messages, {verb} {queued} new")
