"""`manage.py audit_rekey [--dry-run]`: key a chain written before AUDIT_KEY existed (once, at upgrade)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.rekey import ChainNotIntact, rekey_unkeyed_chain


class Command(BaseCommand):
    help = "Recompute the audit chain with AUDIT_KEY after checking it under the old unkeyed hash."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only check the old chain")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = rekey_unkeyed_chain(by="manage.py audit_rekey", dry_run=options["dry_run"])
        except ChainNotIntact as exc:
            raise CommandError(str(exc)) from exc
        verb = "would re-key" if options["dry_run"] else "re-keyed"
        self.stdout.write(f"{verb} {count} audit events")
