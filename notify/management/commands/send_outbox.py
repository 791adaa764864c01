"""`manage.py send_outbox [--now ISO] [--dry-run]`: deliver every queued message that is due.

`--now` is taken as the current instant for every decision (working window, backoff, not-before); without an
offset it is local time (Asia/Shanghai). Rows are claimed with a conditional UPDATE, so several senders at
once never deliver a message twice. Outside working hours nothing is sent: messages wait for 08:30."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notify import hours, notices, outbox
from progress import services as progress_services


class Command(BaseCommand):
    help = "Deliver due messages from the outbox, inside working hours only, each at most once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", help="the instant to act at (ISO 8601; local time without an offset)")
        parser.add_argument("--dry-run", action="store_true", help="count what would be sent; send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            now = hours.parse_now(options["now"]) if options["now"] else timezone.now()
        except ValueError as exc:
            raise CommandError(f"时间格式应为 ISO 8601，例如 2026-12-01T09:00：{options['now']}") from exc
        # a notice issued since the last run is announced now, not at tomorrow's reminders
        if not options["dry_run"]:
            outbox.enqueue(notices.drafts_for(now.astimezone(hours.LOCAL).date(), new_only=True))
        result = outbox.deliver_due(
            now=now, calendar_for=progress_services.work_calendar, dry_run=options["dry_run"]
        )
        verb = "would send" if options["dry_run"] else "sent"
        self.stdout.write(
            f"send_outbox {now.astimezone(hours.LOCAL).isoformat(timespec='minutes')}: {verb} {result.sent}, "
            f"failed {result.failed}, dead {result.dead}, waiting for working hours {result.waiting}"
        )
        for line in result.errors[:20]:
            self.stderr.write(line)
