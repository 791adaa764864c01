from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.services import verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits 1 if an event was edited or deleted."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="verify only (verifying never writes; accepted like every periodic command's --dry-run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify()
        if problems:
            for problem in problems:
                self.stderr.write(problem.message)
            raise CommandError(f"audit trail broken: {len(problems)} problem(s)")
        self.stdout.write("audit trail intact")
