"""The 台账 as an .xlsx (openpyxl) and back.

Visible sheet 台账: a merged title row, the header row (frozen, filtered, repeated on every printed page),
one row per task and reporting unit; a drop-down on 状态, colours on 状态 and 亮灯 (conditional, so Excel,
WPS and LibreOffice recolour after an edit, plus a static fill for viewers that ignore the rules); landscape
A4 fitted to the width. Hidden sheet _duban: which task, unit and report versions each row was drawn from,
and what every cell said at export, signed with the server's key, so an upload is compared cell by cell.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports.ledger.rows import COLUMNS, MONTHS, LedgerData, LedgerRow, status_labels

SHEET = "台账"
META_SHEET = "_duban"
FORMAT = "duban-ledger-1"
HEADER_ROW = 2
FIRST_ROW = 3
KEYS = [k for k, _ in COLUMNS] + [f"m{m}" for m in range(1, 13)]
HEADERS = [h for _, h in COLUMNS] + list(MONTHS)
WIDTHS = {"seq": 6, "text": 40, "lead": 14, "co": 16, "leaders": 10, "due": 11, "status": 10, "light": 6}
WIDTHS |= {"progress": 40, "percent": 8, "indicators": 18, "targets": 10, "latest": 10}
COLOURS = {  # Excel's Good / Neutral / Bad
    "green": ("C6EFCE", "006100"),
    "yellow": ("FFEB9C", "9C5700"),
    "red": ("FFC7CE", "9C0006"),
}
LIGHT_COLOUR = {"绿": "green", "黄": "yellow", "红": "red"}
STATUS_COLOUR = {"done": "green", "on_track": "green", "at_risk": "yellow", "lagging": "red"}
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class LedgerUnreadable(Exception):
    """Not an .xlsx, or not one of duban's ledgers; `message` says why in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _sign(payload: str) -> str:
    return salted_hmac("exports.ledger", payload, algorithm="sha256").hexdigest()


def column_of(key: str) -> int:
    return KEYS.index(key) + 1


def cell_values(row: LedgerRow) -> list[Any]:
    return [row.values[k] for k, _ in COLUMNS] + list(row.months)


def write_ledger(data: LedgerData) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    last = get_column_letter(len(KEYS))
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = data.title
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    for col, header in enumerate(HEADERS, start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    labels = status_labels()
    colour_of_label = {labels[k]: v for k, v in STATUS_COLOUR.items()}
    for index, row in enumerate(data.rows):
        r = FIRST_ROW + index
        for col, value in enumerate(cell_values(row), start=1):
            cell = ws.cell(r, col, value if value not in ("", None) else None)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = BORDER
        _static_fill(ws.cell(r, column_of("status")), colour_of_label.get(str(row.values["status"])))
        _static_fill(ws.cell(r, column_of("light")), LIGHT_COLOUR.get(str(row.values["light"])))
    _rules(ws, len(data.rows), labels)
    _layout(ws, len(data.rows))
    _meta(wb, data)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _static_fill(cell: Any, colour: str | None) -> None:
    if colour:
        fill, font = COLOURS[colour]
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = Font(color=font)


def _rules(ws: Worksheet, n: int, labels: dict[str, str]) -> None:
    end = FIRST_ROW + max(n, 1) - 1
    status = get_column_letter(column_of("status"))
    light = get_column_letter(column_of("light"))
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(labels[k] for k in ("on_track", "at_risk", "lagging", "done")) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从下拉列表中选择状态",
    )
    ws.add_data_validation(choices)
    choices.add(f"{status}{FIRST_ROW}:{status}{end}")
    percent = get_column_letter(column_of("percent"))
    whole = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
    )
    whole.error = "完成百分比为0到100的整数"
    ws.add_data_validation(whole)
    whole.add(f"{percent}{FIRST_ROW}:{percent}{end}")
    for code, colour in STATUS_COLOUR.items():
        fill, font = COLOURS[colour]
        rule = CellIsRule(
            operator="equal",
            formula=[f'"{labels[code]}"'],
            fill=PatternFill("solid", bgColor=fill),
            font=Font(color=font),
        )
        ws.conditional_formatting.add(f"{status}{FIRST_ROW}:{status}{end}", rule)
    for word, colour in LIGHT_COLOUR.items():
        fill, font = COLOURS[colour]
        rule = CellIsRule(
            operator="equal",
            formula=[f'"{word}"'],
            fill=PatternFill("solid", bgColor=fill),
            font=Font(color=font),
        )
        ws.conditional_formatting.add(f"{light}{FIRST_ROW}:{light}{end}", rule)


def _layout(ws: Worksheet, n: int) -> None:
    for col, key in enumerate(KEYS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(key, 11)
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(KEYS))}{FIRST_ROW + max(n, 1) - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.4


CELL_LIMIT = 32767  # characters a cell holds in Excel (openpyxl cuts longer text)


def _as_stored(value: Any) -> Any:
    """A cell's value as the sheet keeps it."""
    if value is None:
        return ""
    return value[:CELL_LIMIT] if isinstance(value, str) else value


def _meta(wb: Workbook, data: LedgerData) -> None:
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    rows = [
        {
            "row": FIRST_ROW + i,
            "task": row.task_id,
            "unit": row.unit_id,
            "stamp": row.stamp.as_list(),
            "cells": [_as_stored(v) for v in cell_values(row)],
        }
        for i, row in enumerate(data.rows)
    ]
    head = {"format": FORMAT, "plan": data.plan.pk, "period": data.period.pk if data.period else None}
    payload = json.dumps({"head": head, "rows": rows}, ensure_ascii=False, sort_keys=True)
    meta["A1"], meta["B1"] = "duban", "这张工作表记录台账各行对应的任务和版本，请勿修改或删除。"
    meta["A2"], meta["B2"] = "signature", _sign(payload)
    # the payload in chunks (a cell holds at most 32,767 characters)
    for i in range(0, len(payload), 30000):
        meta.cell(3 + i // 30000, 1, "data")
        meta.cell(3 + i // 30000, 2, payload[i : i + 30000])


@dataclass(frozen=True)
class SheetRow:
    """One row of an uploaded ledger: what it said at export (from the signed sheet) and now."""

    sheet_row: int
    task_id: int
    unit_id: int | None
    stamp: list[int | None]
    before: dict[str, str]
    now: dict[str, str]


@dataclass(frozen=True)
class Upload:
    plan_id: int
    period_id: int | None
    rows: list[SheetRow]
    added_rows: list[int]


def normal(value: Any) -> str:
    """A cell as text, as Excel, WPS and LibreOffice may give it back (60 may return as 60.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_ledger(data: bytes) -> Upload:
    try:
        wb = load_workbook(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LedgerUnreadable(
            _("This file is not an Excel (.xlsx) workbook; upload a ledger exported from duban.")
        ) from exc
    if META_SHEET not in wb.sheetnames:
        raise LedgerUnreadable(
            _(
                "The hidden sheet “_duban” was deleted, so the rows cannot be matched to their tasks and versions. Export the ledger again and fill that in; nothing was written."
            )
        )
    head, rows = _read_meta(wb[META_SHEET])
    visible = [s for s in wb.worksheets if s.sheet_state == "visible"]
    if not visible:
        raise LedgerUnreadable(_("The workbook has no visible sheet."))
    ws = visible[0]
    columns = _header_columns(ws)
    sheet_rows: list[SheetRow] = []
    for entry in rows:
        r = int(entry["row"])
        before = {k: normal(v) for k, v in zip(KEYS, entry["cells"], strict=True)}
        now = {k: normal(ws.cell(r, columns[k]).value) if k in columns else "" for k in KEYS}
        sheet_rows.append(SheetRow(r, int(entry["task"]), entry["unit"], list(entry["stamp"]), before, now))
    known = {int(e["row"]) for e in rows}
    added = [
        r for r in range(FIRST_ROW, ws.max_row + 1) if r not in known and any(normal(c.value) for c in ws[r])
    ]
    return Upload(int(head["plan"]), head.get("period"), sheet_rows, added)


def _read_meta(meta: Worksheet) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    signature = normal(meta["B2"].value)
    # the chunks exactly as written: a chunk may begin or end with a space
    chunks = [
        str(meta.cell(r, 2).value or "")
        for r in range(3, meta.max_row + 1)
        if meta.cell(r, 1).value == "data"
    ]
    payload = "".join(chunks)
    if not payload or not constant_time_compare(_sign(payload), signature):
        raise LedgerUnreadable(
            _(
                "The hidden sheet “_duban” was changed, so the rows cannot be matched to their tasks and versions. Export the ledger again and fill that in; nothing was written."
            )
        )
    content = json.loads(payload)
    if content["head"].get("format") != FORMAT:
        raise LedgerUnreadable(_("This ledger's format is not supported; export it again."))
    return content["head"], content["rows"]


def _header_columns(ws: Worksheet) -> dict[str, int]:
    by_header = {h: k for k, h in zip(KEYS, HEADERS, strict=True)}
    for r in range(1, 11):
        found = {by_header[normal(c.value)]: c.column for c in ws[r] if normal(c.value) in by_header}
        if "seq" in found and len(found) > len(KEYS) // 2:
            missing = [
                HEADERS[KEYS.index(k)] for k in ("seq", "status", "progress", "percent") if k not in found
            ]
            if missing:
                raise LedgerUnreadable(_("The ledger lacks these columns: ") + "、".join(missing) + "。")
            return found
    raise LedgerUnreadable(
        _("No header row (序号, 任务, 牵头单位 …) was found; use a ledger exported from duban.")
    )
