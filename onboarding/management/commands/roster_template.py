"""`manage.py roster_template --region R OUT.xlsx`: the roster (各单位分管领导和联络员回执表) for a region's units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from onboarding import services
from orgs.models import Region


class Command(BaseCommand):
    help = "Write the roster template: one row per unit of the region's plans, with the people known today."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("out", help="the .xlsx file to write")
        parser.add_argument("--region", required=True, help="the region's name, e.g. 泉港区")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(name=options["region"]).first()
        if region is None:
            raise CommandError(f"没有名为“{options['region']}”的地区。")
        units = services.roster_units(region)
        if not units:
            raise CommandError(f"{region.name}还没有导入分解表，名单中没有单位：请先导入分解表。")
        Path(options["out"]).write_bytes(services.template(region))
        self.stdout.write(f"roster template for {region.name}: {len(units)} units → {options['out']}")
