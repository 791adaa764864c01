"""`manage.py audit_anchor [--dry-run]`: append today's chain head to the anchor file (daily, from cron)."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.anchor import anchor_line, anchored_days, append
from audit.services import head


class Command(BaseCommand):
    help = "Append the audit chain's head to the append-only anchor file (once a day); mail it if configured."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print the line, write and send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        event_id, head_hash = head()
        line = anchor_line(today, event_id, head_hash)
        path = settings.AUDIT_ANCHOR_FILE
        if options["dry_run"]:
            self.stdout.write(f"would append to {path}: {line.strip()}")
            return
        if today.isoformat() in anchored_days(path):
            self.stdout.write(f"already anchored today in {path}")
            return
        append(path, line)
        if settings.AUDIT_ANCHOR_MAIL_TO:
            send_mail(
                subject=f"duban 审计链锚点 {today.isoformat()}",
                message=line,
                from_email=None,
                recipient_list=list(settings.AUDIT_ANCHOR_MAIL_TO),
            )
        self.stdout.write(f"anchored: {line.strip()}")
