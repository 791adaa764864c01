"""`manage.py remind [--date YYYY-MM-DD] [--dry-run]`: queue the reminders due on a date.

Acts as if run at 08:30 local time on that date, whatever the machine's clock says. Safe to run twice and
from several processes at once: each message has a unique key, so a second run queues nothing new."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notify import hours, notices, outbox, reminders


class Command(BaseCommand):
    help = (
        "Queue reminders 5 and 1 working days before each deadline and a chase the working day after; "
        "the same for the answers to supervision notices."
    )

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
        drafts = reminders.drafts_for(day) + notices.drafts_for(day)
        queued = outbox.enqueue(drafts, dry_run=options["dry_run"])
        verb = "would queue" if options["dry_run"] else "queued"
        self.stdout.write(f"remind {day.isoformat()}: {len(drafts)} messages due, {verb} {queued} new")
