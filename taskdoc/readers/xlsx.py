"""Excel (.xlsx): every visible sheet in order, merged ranges filled with their value.

A sheet named like a section heading ('一、产业发展', one sheet per section) gives its name as a line
before its rows, where a heading printed above the table would be.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item
from taskdoc.lexicon import heading_level
from taskdoc.source import open_zip

_MAX_COLUMNS = 60


def read(data: bytes) -> Grid:
    open_zip(data).close()  # zip-bomb check before openpyxl unpacks anything
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        fail(
            "Excel 文件已损坏",
            f"the .xlsx could not be opened ({type(error).__name__}); save it again in Excel",
        )
    items: list[Item] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state == "visible":
                if heading_level(sheet.title) is not None:
                    items.append(sheet.title)
                items.extend(_sheet_rows(sheet))
    finally:
        book.close()
    return Grid(tuple(items))


def _sheet_rows(sheet: Any) -> list[Item]:
    width = min(sheet.max_column or 0, _MAX_COLUMNS)
    rows: list[list[str]] = [
        [_text(v) for v in row[:width]] for row in sheet.iter_rows(max_col=width, values_only=True)
    ]
    for merged in sheet.merged_cells.ranges:
        value = _text(sheet.cell(merged.min_row, merged.min_col).value)
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, min(merged.max_col, width)):
                rows[r][c] = value
    return [tuple(row) for row in rows if any(cell.strip() for cell in row)]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
