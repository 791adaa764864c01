"""`manage.py import_ledger IN.xlsx --plan PLAN_ID [--dry-run] [--as USERNAME]`: the 台账 back.

Prints exactly what changes, row by row; with --dry-run writes nothing. A refused workbook names its rows
and writes nothing (exit status 1). Without --as the command acts as the supervision office.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exports.ledger.importer import LedgerRefused, Preview, import_ledger, preview_import
from exports.ledger.workbook import LedgerUnreadable
from progress import clock
from targets.models import Plan

ACTOR = "manage.py import_ledger"


class Command(BaseCommand):
    help = "Read an edited ledger (台账) back: preview with --dry-run, else file the changes as reports."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--plan", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--as", dest="username", default="", help="act as this user (default: the office)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.select_related("region").filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"计划 {options['plan']} 不存在。")
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        user = None
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"用户 {options['username']} 不存在。")
        data = path.read_bytes()
        try:
            if options["dry_run"]:
                preview = preview_import(plan=plan, data=data, uploader=user, today=clock.today())
            else:
                preview = import_ledger(
                    plan=plan,
                    data=data,
                    by=user if user is not None else ACTOR,
                    today=clock.today(),
                    actor=ACTOR,
                )
        except LedgerUnreadable as exc:
            raise CommandError(exc.message) from exc
        except LedgerRefused as exc:
            raise CommandError(
                "台账未导入，未写入任何内容：\n" + "\n".join(p.message for p in exc.problems)
            ) from exc
        self._show(preview, dry_run=options["dry_run"])
        if not preview.ok:
            raise CommandError("台账有问题，未写入任何内容。")

    def _show(self, preview: Preview, *, dry_run: bool) -> None:
        period = preview.period.label if preview.period else "-"
        verb = "将修改" if dry_run else "已修改"
        self.stdout.write(f"{preview.plan.title} · {period}：{verb} {len(preview.changes)} 行")
        for change in preview.changes:
            for cell in change.changes:
                self.stdout.write(
                    f"  第{change.sheet_row}行 序号{change.seq} {change.unit_name} · {cell.column}："
                    f"{cell.before or '（空）'} → {cell.after or '（空）'}"
                )
            for note in change.notes:
                self.stdout.write(f"    {note}")
        for problem in preview.problems:
            self.stderr.write(f"  {problem.message}")
        if dry_run:
            self.stdout.write("（试运行，未写入任何内容）")
