"""`manage.py periods`: create (or bring up to date) the reporting periods of plans. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from progress import clock, services
from targets.models import Plan

ACTOR = "manage.py periods"


class Command(BaseCommand):
    help = (
        "Create the reporting periods of active plans from their calendars; safe to run any number of times."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--plan", type=int, help="only this plan (id)")
        parser.add_argument("--region", help="only plans of this region (name)")
        parser.add_argument("--year", type=int, help="only plans of this year")
        parser.add_argument(
            "--close-reviews",
            action="store_true",
            help="also close the review of periods whose closing date has passed; they lock",
        )
        parser.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        plans = Plan.objects.select_related("region").order_by("region__name", "year")
        if options["plan"]:
            plans = plans.filter(pk=options["plan"])
        else:
            plans = plans.filter(status=Plan.Status.ACTIVE)
        if options["region"]:
            plans = plans.filter(region__name=options["region"])
        if options["year"]:
            plans = plans.filter(year=options["year"])
        dry = options["dry_run"]
        for plan in plans:
            result = services.ensure_periods(plan=plan, by=ACTOR, dry_run=dry)
            verb = "would create" if dry else "created"
            self.stdout.write(
                f"{plan.region.name} {plan.year}: {verb} {result.created}, "
                f"{'would update' if dry else 'updated'} {result.updated}, "
                f"{'would delete' if dry else 'deleted'} {result.deleted} period(s)"
            )
            if options["close_reviews"]:
                closable = plan.periods.filter(locked=False, lock_date__lt=clock.today()).order_by("due_date")
                for period in closable:
                    if not dry:
                        services.close_period_review(period=period, by=ACTOR)
                    self.stdout.write(f"  {'would close' if dry else 'closed'} the review of {period.label}")
            if result.missing_years:
                years = ", ".join(str(y) for y in result.missing_years)
                self.stderr.write(
                    f"warning: the holiday calendar does not know {years}; due dates in it assume "
                    "Monday to Friday until the office enters that year's holidays"
                )
