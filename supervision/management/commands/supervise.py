"""`manage.py supervise [--date YYYY-MM-DD] [--region NAME] [--dry-run]`: the scan, one line per region."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from orgs.models import Region
from progress import clock
from supervision.scan import scan_region
from targets.models import Plan


class Command(BaseCommand):
    help = "Compute every light, keep a snapshot, and propose the next step of the ladder; safe to run twice."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="the day to scan as (YYYY-MM-DD); default today")
        parser.add_argument("--region", help="only this region (name)")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be proposed, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else clock.today()
        except ValueError:
            raise CommandError(f"--date {options['date']}: expected YYYY-MM-DD") from None
        regions = Region.objects.filter(plans__status=Plan.Status.ACTIVE).distinct().order_by("name")
        if options["region"]:
            regions = regions.filter(name=options["region"])
            if not regions:
                raise CommandError(f"no region named {options['region']} with an active plan")
        for region in regions:
            result = scan_region(region, today=today, dry_run=options["dry_run"])
            self.stdout.write(result.line())
