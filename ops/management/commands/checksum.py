"""`manage.py checksum`: one digest over every row and every media file (compare before and after a restore)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ops.checksum import checksum


class Command(BaseCommand):
    help = "Print a SHA-256 over every row of every table and every media file; reads only."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tables", action="store_true", help="also print each table's digest")

    def handle(self, *args: Any, **options: Any) -> None:
        total, tables, (files, media) = checksum()
        self.stdout.write(total)
        if options["tables"]:
            for table, digest in tables.items():
                self.stdout.write(f"{table} {digest[:16]}")
            self.stdout.write(f"media ({files} files) {media[:16]}")
