"""The office's commands: export_ledger, import_ledger [--dry-run], draft_document."""

import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command

from exports.ledger.workbook import META_SHEET, column_of
from progress.models import ProgressReport

pytestmark = pytest.mark.django_db

NEW = "10月完成技改投资16亿元。"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("progress.clock.today", lambda: dt.date(2026, 10, 20))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_dry_run_then_import(quarter, tmp_path):
    plan = quarter.world.plan
    path = tmp_path / "l.xlsx"
    run("export_ledger", str(plan.pk), str(path))
    wb = openpyxl.load_workbook(path)
    row = next(r for r in range(3, wb.worksheets[0].max_row + 1) if wb.worksheets[0].cell(r, 1).value == 3)
    wb.worksheets[0].cell(row, column_of("progress")).value = NEW
    wb.save(tmp_path / "e.xlsx")
    count = ProgressReport.objects.count()
    said = run("import_ledger", str(tmp_path / "e.xlsx"), "--plan", str(plan.pk), "--dry-run")
    assert f"第{row}行 序号3 区工信局 · 最新进展：完成技改投资14亿元。 → {NEW}" in said
    assert ProgressReport.objects.count() == count
    run("import_ledger", str(tmp_path / "e.xlsx"), "--plan", str(plan.pk))
    assert ProgressReport.objects.filter(text=NEW).count() == 1


def test_a_workbook_without_its_hidden_sheet_is_refused(quarter, tmp_path):
    plan = quarter.world.plan
    path = tmp_path / "l.xlsx"
    run("export_ledger", str(plan.pk), str(path))
    wb = openpyxl.load_workbook(path)
    del wb[META_SHEET]
    wb.save(path)
    with pytest.raises(CommandError, match="_duban"):
        run("import_ledger", str(path), "--plan", str(plan.pk))


def test_draft_document_writes_the_bulletin(quarter, tmp_path):
    out = tmp_path / "b.docx"
    run("draft_document", "bulletin", "--plan", str(quarter.world.plan.pk), "--out", str(out))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "关于2026年第三季度泉港区《政府工作报告》目标任务落实情况的通报" in text
    with pytest.raises(CommandError):
        run("draft_document", "bulletin", "--plan", "999999", "--out", str(out))
