"""`manage.py assess --plan PLAN_ID [--date D] [--dry-run]`: every unit's score for a plan, as a draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from assessment import services
from progress import clock
from targets.models import Plan

ACTOR = "manage.py assess"


class Command(BaseCommand):
    help = "Compute every unit's score for a plan (components, deductions, bonus, total, grade, rank)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--plan", type=int, required=True, help="the plan's id")
        parser.add_argument("--date", help="assess as of this day (YYYY-MM-DD); default today")
        parser.add_argument("--dry-run", action="store_true", help="print the scores; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.select_related("region").filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"没有编号为 {options['plan']} 的分解表。")
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else clock.today()
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from exc
        try:
            rows = services.assess(plan=plan, today=today, by=ACTOR, dry_run=options["dry_run"])
        except services.AssessmentError as exc:
            raise CommandError(str(exc)) from exc
        for row in sorted(rows, key=lambda r: (r["group"], r["rank"])):
            self.stdout.write(
                f"{row['group']} {row['rank']:>3} {row['total']:>7} {row['grade']} {row['unit'].name}"
            )
        verb = "would score" if options["dry_run"] else "scored"
        self.stdout.write(f"assess plan {plan.pk}: {verb} {len(rows)} units as of {today.isoformat()}")
