"""`manage.py draft_document KIND --plan PLAN_ID [--period P] --out OUT.docx [--pdf]`: a document drafted
from the data (KIND: bulletin, half_year, annual). Writes only the file; the office's drafts and issued
documents are kept through the pages and the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from exports.drafting import KINDS, DraftError, draft_content
from exports.drafting.content import render
from exports.pdf import ConversionError, docx_to_pdf
from progress import clock
from targets.models import Plan


class Command(BaseCommand):
    help = "Draft a quarterly bulletin, half-year evaluation or annual assessment notice as .docx."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--plan", type=int, required=True)
        parser.add_argument("--period", default="", help="a bulletin's quarter: Q1–Q4 or 2026Q3")
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--pdf", action="store_true", help="also write OUT.pdf (LibreOffice)")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.select_related("region").filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"计划 {options['plan']} 不存在。")
        try:
            content = draft_content(options["kind"], plan, period=options["period"], today=clock.today())
        except DraftError as exc:
            raise CommandError(exc.message) from exc
        data = render(content)
        out: Path = options["out"]
        out.write_bytes(data)
        self.stdout.write(f"{content.title}：{out}")
        if options["pdf"]:
            try:
                out.with_suffix(".pdf").write_bytes(docx_to_pdf(data))
            except ConversionError as exc:
                raise CommandError(str(exc)) from exc
