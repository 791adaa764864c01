"""`manage.py import_roster IN.xlsx --region R [--dry-run] [--credentials OUT.csv]`.

Shows who is new, who changes and who leaves; refuses the whole file, naming every bad row, when any row
is wrong; otherwise applies it in one transaction. Initial passwords of new accounts go to the credentials
file (to hand out once); without it the new accounts cannot log in until the office issues passwords."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from onboarding import services
from orgs.models import Region, Role

ACTOR = "manage.py import_roster"


class Command(BaseCommand):
    help = "Import a filled roster: accounts for new leaders and liaisons, changes, handovers."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the filled roster (.xlsx)")
        parser.add_argument("--region", required=True, help="the region's name, e.g. 泉港区")
        parser.add_argument("--dry-run", action="store_true", help="show the changes; write nothing")
        parser.add_argument("--credentials", help="write the new accounts' initial passwords to this .csv")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(name=options["region"]).first()
        if region is None:
            raise CommandError(f"没有名为“{options['region']}”的地区。")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        with path.open("rb") as f:
            plan = services.plan(region, f)
        if not plan.ok:
            for line in plan.problem_lines():
                self.stderr.write(line)
            raise CommandError(f"回执表有 {len(plan.problems)} 处问题，未导入任何内容；请修改后重新上传。")
        self._summary(plan)
        if options["dry_run"]:
            self.stdout.write("dry run: nothing written")
            return
        credentials = services.apply(plan, by=ACTOR)
        if credentials and options["credentials"]:
            with open(options["credentials"], "w", newline="", encoding="utf-8-sig") as out:
                writer = csv.writer(out)
                writer.writerow(["用户名", "姓名", "单位", "角色", "初始密码"])
                for c in credentials:
                    writer.writerow([c.username, c.name, c.unit, c.role, c.password])
            self.stdout.write(
                f"{len(credentials)} initial passwords → {options['credentials']} (hand out once)"
            )
        elif credentials:
            self.stdout.write(
                f"{len(credentials)} new accounts: no --credentials file given, so their initial passwords are "
                "not kept; issue passwords from the office's people page."
            )

    def _summary(self, plan: services.RosterPlan) -> None:
        counts = {"new": 0, "changed": 0, "replaced": 0}
        for change in plan.changes:
            counts[change.kind] += 1
            role = Role(change.role).label
            if change.kind == "replaced" and change.old is not None:
                who = change.old.person.name if change.old.person else change.old.user.get_username()
                self.stdout.write(
                    f"第{change.sheet_row}行 {change.unit.name} {role}：{who} → {change.name}（交接）"
                )
            elif change.kind == "new":
                self.stdout.write(f"第{change.sheet_row}行 {change.unit.name} {role}：新增 {change.name}")
            else:
                self.stdout.write(
                    f"第{change.sheet_row}行 {change.unit.name} {role}：{change.name} 信息变更（{', '.join(change.fields)}）"
                )
        self.stdout.write(
            f"roster: {counts['new']} new, {counts['changed']} changed, {counts['replaced']} replaced (handover), "
            f"{len(plan.unreturned)} units not returned yet"
        )
