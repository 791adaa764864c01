"""Build the same table as .txt, .docx, .xlsx and .pdf (used by the format tests and by the bench).

A table is given in the gold schema (document, columns, column_roles, tasks). Every builder prints the
notice lines, the header, a heading row (merged across the table) whenever the section changes, and the
task rows; cells that repeat the one above are merged vertically, and the table breaks across pages.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

Table = dict[str, Any]

_ROLE_TO_FIELD = {
    "seq": "seq",
    "text": "text",
    "lead_units": "lead_units",
    "co_units": "co_units",
    "leaders": "leaders",
}


def notice_lines(table: Table) -> list[str]:
    doc = table["document"]
    lines = [doc["doc_number"], doc["title"], "各有关单位：", "现将分解表印发给你们，请认真贯彻落实。"]
    if doc.get("issuer") and doc.get("date"):
        year, month, day = (int(p) for p in doc["date"].split("-"))
        lines += [doc["issuer"], f"{year}年{month}月{day}日"]
    return [line for line in lines if line]


def _cell(task: dict[str, Any], role: str, sep: str) -> str:
    value = task[_ROLE_TO_FIELD[role]]
    return sep.join(value) if isinstance(value, list) else str(value)


def rows(table: Table, sep: str = " ") -> Iterator[tuple[str, list[str]]]:
    """('heading', [text]) and ('task', cells) in printed order."""
    roles = [table["column_roles"][c] for c in table["columns"]]
    printed: list[str] = []
    for task in table["tasks"]:
        section = task["section"]
        shared = 0
        while shared < min(len(section), len(printed)) and section[shared] == printed[shared]:
            shared += 1
        for heading in section[shared:]:
            yield "heading", [heading]
        printed = list(section)
        yield "task", [_cell(task, role, sep) for role in roles]


def build_txt(table: Table) -> bytes:
    lines = [*notice_lines(table), table["document"]["title"], "\t".join(table["columns"])]
    width = len(table["columns"])
    for n, (kind, cells) in enumerate(rows(table)):
        if n and n % 40 == 0:
            lines += ["", "\t".join(table["columns"])]  # the header repeated at a page break
        lines.append("\t".join(cells + [""] * (width - 1)) if kind == "heading" else "\t".join(cells))
    return "\n".join(lines).encode("utf-8")


def build_docx(table: Table) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in notice_lines(table):
        document.add_paragraph(line)
    all_rows = list(rows(table, sep="\n"))
    half = len(all_rows) // 2
    for part in (all_rows[:half], all_rows[half:]):
        grid = document.add_table(rows=1, cols=len(table["columns"]))
        grid.style = "Table Grid"
        for cell, name in zip(grid.rows[0].cells, table["columns"], strict=True):
            cell.text = name
        header_props = grid.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_props.append(repeat)
        _fill_docx(grid, part, len(table["columns"]))
        if part is not all_rows[half:]:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fill_docx(grid: Any, part: list[tuple[str, list[str]]], width: int) -> None:
    """Rows written through the cell XML: python-docx's row.cells is linear in the table size."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    def merge_property(tc: Any, tag: str, value: str) -> None:
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tc.get_or_add_tcPr().append(element)

    last = width - 1
    above: Any = None  # the last-column cell of the previous task row
    previous: list[str] | None = None
    for kind, cells in part:
        tcs = grid.add_row()._tr.tc_lst
        if kind == "heading":
            for extra in tcs[1:]:
                extra.getparent().remove(extra)
            merge_property(tcs[0], "w:gridSpan", str(width))
            _Cell(tcs[0], grid).text = cells[0]
            previous = above = None
            continue
        for i, value in enumerate(cells[:last]):
            _Cell(tcs[i], grid).text = value
        if previous is not None and above is not None and previous[last] == cells[last] and cells[last]:
            if above.tcPr is None or above.tcPr.find(qn("w:vMerge")) is None:
                merge_property(above, "w:vMerge", "restart")
            merge_property(tcs[last], "w:vMerge", "continue")
        else:
            _Cell(tcs[last], grid).text = cells[last]
            above = tcs[last]
        previous = cells


def build_xlsx(table: Table) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "分解表"
    for line in notice_lines(table):
        first.append([line])
    all_rows = list(rows(table, sep="\n"))
    half = len(all_rows) // 2
    width = len(table["columns"])
    for sheet, part in ((first, all_rows[:half]), (book.create_sheet("分解表（续）"), all_rows[half:])):
        sheet.append(table["columns"])
        previous: list[str] | None = None
        for kind, cells in part:
            if kind == "heading":
                sheet.append(cells)
                sheet.merge_cells(
                    start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
                )
                previous = None
                continue
            if previous is not None and previous[-1] == cells[-1] and cells[-1]:
                sheet.append([*cells[:-1], None])
                _merge_down(sheet, sheet.max_row, width)
            else:
                sheet.append([int(cells[0]) if cells[0].isdigit() else cells[0], *cells[1:]])
            previous = cells
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _merge_down(sheet: Any, row: int, column: int) -> None:
    """Extend the merge that ends on the row above down to `row` (or start one there)."""
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_col == column and merged.max_col == column and merged.max_row == row - 1:
            top = merged.min_row
            sheet.unmerge_cells(merged.coord)
            sheet.merge_cells(start_row=top, start_column=column, end_row=row, end_column=column)
            return
    sheet.merge_cells(start_row=row - 1, start_column=column, end_row=row, end_column=column)


def build_pdf(table: Table, *, font_size: float = 8) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle(
        "cell", fontName="STSong-Light", fontSize=font_size, leading=font_size * 1.3, wordWrap="CJK"
    )
    width = len(table["columns"])
    story: list[Any] = [Paragraph(line, style) for line in notice_lines(table)]
    all_rows = list(rows(table, sep="<br/>"))
    half = len(all_rows) // 2
    widths = _pdf_widths(table, A4[0] - 80)
    for part in (all_rows[:half], all_rows[half:]):
        data: list[list[Any]] = [[Paragraph(c, style) for c in table["columns"]]]
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        previous: list[str] | None = None
        for kind, cells in part:
            r = len(data)
            if kind == "heading":
                data.append([Paragraph(cells[0], style)] + [""] * (width - 1))
                commands.append(("SPAN", (0, r), (width - 1, r)))
                previous = None
                continue
            merge = previous is not None and previous[-1] == cells[-1] and bool(cells[-1])
            data.append(
                [Paragraph(c, style) for c in cells[:-1]] + ["" if merge else Paragraph(cells[-1], style)]
            )
            if merge:
                commands.append(("SPAN", (width - 1, r - 1), (width - 1, r)))
                previous = None  # merge pairs only, so a span never crosses a page
            else:
                previous = cells
        story.append(PdfTable(data, colWidths=widths, repeatRows=1, style=commands))
        story.append(PageBreak())
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=40, rightMargin=40).build(story[:-1])
    return out.getvalue()


def _pdf_widths(table: Table, total: float) -> list[float]:
    shares = {"seq": 0.06, "text": 0.46, "lead_units": 0.2, "co_units": 0.2, "leaders": 0.1}
    raw = [shares.get(table["column_roles"][c], 0.1) for c in table["columns"]]
    return [total * r / sum(raw) for r in raw]
