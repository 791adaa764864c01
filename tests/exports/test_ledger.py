"""王芳 (office) and 李明 (liaison of 区发改局) take the 台账 out to Excel and back."""

import datetime as dt
import io

import openpyxl
import pytest

from audit.models import AuditEvent
from exports.ledger import export_ledger
from exports.ledger.importer import LedgerRefused, import_ledger, preview_import
from exports.ledger.workbook import META_SHEET, LedgerUnreadable, column_of
from progress import services
from progress.models import ProgressReport
from targets.models import Task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 20)  # September's reports are open
NEW = "9月完成项目用地报批，开工建设进度达到百分之六十。"


def cells(data: bytes) -> dict[tuple[int, int], object]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row}


def edit(data: bytes, row: int, key: str, value: object) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.worksheets[0].cell(row, column_of(key)).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(data: bytes, seq: int) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == seq)


def written() -> tuple[int, int]:
    return ProgressReport.objects.count(), AuditEvent.objects.count()


def test_the_ledger_has_the_offices_columns_a_dropdown_and_a_hidden_sheet(quarter):
    wb = openpyxl.load_workbook(io.BytesIO(export_ledger(quarter.world.plan, today=TODAY)))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[2]][:13] == [
        "序号",
        "任务",
        "牵头单位",
        "配合单位",
        "分管领导",
        "完成时限",
        "状态",
        "亮灯",
        "最新进展",
        "完成百分比",
        "指标",
        "目标值",
        "最新值",
    ]
    assert [c.value for c in ws[2]][13:] == [f"{m}月" for m in range(1, 13)]
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$2"
    assert any("进度滞后" in str(v.formula1) for v in ws.data_validations.dataValidation)
    assert wb[META_SHEET].sheet_state == "hidden"
    row = [c.value for c in ws[row_of(export_ledger(quarter.world.plan, today=TODAY), 2)]]
    assert row[2] == "区教育局"
    assert row[6] == "进度滞后"
    assert row[7] == "红"
    assert row[9] == 20


def test_export_then_import_without_an_edit_changes_nothing(quarter):
    data = export_ledger(quarter.world.plan, today=TODAY)
    before = written()
    preview = import_ledger(plan=quarter.world.plan, data=data, by=quarter.world.wangfang, today=TODAY)
    assert preview.ok
    assert preview.changes == []
    assert written() == before


def test_one_edit_is_previewed_exactly_then_applied_and_the_next_export_differs_in_that_row_only(quarter):
    plan, wangfang = quarter.world.plan, quarter.world.wangfang
    first = export_ledger(plan, today=TODAY)
    row = row_of(first, 3)
    edited = edit(first, row, "progress", NEW)
    before = written()
    preview = preview_import(plan=plan, data=edited, uploader=wangfang, today=TODAY)
    assert [
        (c.sheet_row, c.seq, c.unit_name, [(x.column, x.after) for x in c.changes]) for c in preview.changes
    ] == [(row, "3", "区工信局", [("最新进展", NEW)])]
    assert written() == before  # the preview writes nothing
    import_ledger(plan=plan, data=edited, by=wangfang, today=TODAY)
    # filed for the ledger's period (October, open since the 8th), status and percent carried from September
    assert preview.period == quarter.world.period("month", 10)
    report = ProgressReport.objects.get(task=quarter.going, period=preview.period)
    assert (report.text, report.status, report.percent, report.version) == (NEW, "on_track", 70, 1)
    assert AuditEvent.objects.filter(verb="exports.ledger_imported").count() == 1
    a, b = cells(first), cells(export_ledger(plan, today=TODAY))
    # the edited cell, and October's column of the same row, which now shows October's report
    assert {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)} == {
        (row, column_of("progress")),
        (row, column_of("m10")),
    }
    assert b[(row, column_of("m10"))] == "正常推进 70%"


def test_a_row_of_another_unit_is_refused_by_row_and_nothing_is_written(quarter):
    plan, liming = quarter.world.plan, quarter.world.liming
    data = export_ledger(plan, today=TODAY)
    edited = edit(edit(data, row_of(data, 2), "percent", 40), row_of(data, 1), "progress", NEW)
    before = written()
    with pytest.raises(LedgerRefused) as refused:
        import_ledger(plan=plan, data=edited, by=liming, today=TODAY)
    assert [p.sheet_row for p in refused.value.problems] == [row_of(data, 2)]
    assert "第4行（序号2，区教育局）：不是您单位的任务" in refused.value.problems[0].message
    assert written() == before


def test_a_stale_row_is_refused_by_row(quarter):
    plan, wangfang = quarter.world.plan, quarter.world.wangfang
    data = export_ledger(plan, today=TODAY)
    services.file_report(
        task=quarter.going,
        unit=quarter.world.gongxin,
        period=quarter.world.period("month", 10),
        by=quarter.world.zhaoqiang,
        status="on_track",
        percent=75,
        text="完成技改投资15亿元。",
    )
    edited = edit(data, row_of(data, 3), "progress", NEW)
    before = written()
    with pytest.raises(LedgerRefused) as refused:
        import_ledger(plan=plan, data=edited, by=wangfang, today=TODAY)
    assert [p.sheet_row for p in refused.value.problems] == [row_of(data, 3)]
    assert written() == before


def test_a_changed_task_text_or_a_deleted_hidden_sheet_is_refused(quarter):
    plan, wangfang = quarter.world.plan, quarter.world.wangfang
    data = export_ledger(plan, today=TODAY)
    with pytest.raises(LedgerRefused) as refused:
        import_ledger(
            plan=plan, data=edit(data, row_of(data, 1), "text", "改过的任务"), by=wangfang, today=TODAY
        )
    assert "任务" in refused.value.problems[0].message
    wb = openpyxl.load_workbook(io.BytesIO(data))
    del wb[META_SHEET]
    out = io.BytesIO()
    wb.save(out)
    before = written()
    with pytest.raises(LedgerUnreadable):
        import_ledger(plan=plan, data=out.getvalue(), by=wangfang, today=TODAY)
    with pytest.raises(LedgerUnreadable):
        import_ledger(plan=plan, data=b"not a workbook", by=wangfang, today=TODAY)
    assert written() == before


def test_a_large_ledger_whose_record_spans_several_cells_comes_back_unchanged(quarter):
    # the hidden record is cut into cells of 30,000 characters; a cut next to a space must not lose it
    Task.objects.filter(pk=quarter.going.pk).update(text="推进 技改 " * 8000)
    plan, wangfang = quarter.world.plan, quarter.world.wangfang
    data = export_ledger(plan, today=TODAY)
    assert openpyxl.load_workbook(io.BytesIO(data))[META_SHEET].max_row > 3
    preview = import_ledger(plan=plan, data=data, by=wangfang, today=TODAY)
    assert preview.ok
    assert preview.changes == []
