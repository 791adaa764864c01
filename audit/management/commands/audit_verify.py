from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from audit.anchor import check_file
from audit.services import verify


class Command(BaseCommand):
    help = "Verify the audit trail's keyed hash chain and its daily anchors; exits 1 on any problem."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            problems = verify() + check_file(settings.AUDIT_ANCHOR_FILE)
        except ImproperlyConfigured as exc:
            raise CommandError(f"refusing to verify: {exc}") from exc
        if problems:
            for problem in problems:
                self.stderr.write(problem.message)
            raise CommandError(f"audit trail broken: {len(problems)} problem(s)")
        self.stdout.write("audit trail intact")
