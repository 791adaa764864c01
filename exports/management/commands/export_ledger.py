"""`manage.py export_ledger PLAN_ID OUT.xlsx`: the plan's 台账. Reads only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from exports.ledger import export_ledger
from progress import clock
from targets.models import Plan


class Command(BaseCommand):
    help = "Write a plan's ledger (台账) as an Excel workbook."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("plan_id", type=int)
        parser.add_argument("out", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.select_related("region").filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(f"计划 {options['plan_id']} 不存在。")
        data = export_ledger(plan, today=clock.today())
        options["out"].write_bytes(data)
        self.stdout.write(f"台账已导出：{options['out']}（{plan.tasks.count()} 项任务）")
