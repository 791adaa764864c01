"""PDF: tables in the text layer, page by page, through pdfplumber; text outside tables as lines.

Pages are processed one at a time and closed after use, so memory stays flat on long tables. A
vertically merged cell (None below its first row) takes the value above; a horizontally merged one
(None beside a cell spanning it) stays empty, so a heading row keeps one value. A PDF without ruled
tables is read as lines of text, like a text file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item
from taskdoc.model import TaskdocError

_MAX_PAGES = 3000


def read(data: bytes) -> Grid:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    items: list[Item] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > _MAX_PAGES:
                fail("PDF 页数过多", f"the PDF has more than {_MAX_PAGES} pages; upload the table alone")
            for page in pdf.pages:
                items.extend(_page_items(page))
                page.close()
    except TaskdocError:
        raise
    except PDFSyntaxError:
        fail("PDF 文件已损坏", "the PDF could not be read; save or print it to PDF again")
    except Exception as error:  # pdfminer raises many kinds on damaged files
        fail(
            "PDF 文件无法读取",
            f"the PDF could not be read ({type(error).__name__}); save or print it to PDF again",
        )
    if not any(isinstance(i, tuple) or i.strip() for i in items):
        fail(
            "PDF 没有文字层（可能是扫描件）",
            "the PDF has no text layer (a scan?); upload the Word/Excel original",
        )
    return Grid(tuple(items))


def _page_items(page: Any) -> list[Item]:
    """Lines above each table, the table's rows, then the lines below the last table."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    lines = page.extract_text_lines(return_chars=False)
    items: list[Item] = []
    floor = float("-inf")
    for table in tables:
        top, bottom = table.bbox[1], table.bbox[3]
        items.extend(line["text"] for line in lines if floor - 1 <= line["top"] and line["bottom"] <= top + 1)
        items.extend(_table_rows(table))
        floor = bottom
    items.extend(line["text"] for line in lines if line["top"] >= floor - 1)
    return items


def _table_rows(table: Any) -> list[tuple[str, ...]]:
    texts = table.extract()
    columns = [c.bbox for c in table.columns]
    rows: list[tuple[str, ...]] = []
    previous: list[str] = []
    for r, (cells, row) in enumerate(zip(texts, table.rows, strict=False)):
        out: list[str] = []
        for c, text in enumerate(cells):
            if text is not None:
                out.append(text)
            elif _spanned_from_left(row.cells, c, columns):
                out.append("")
            else:
                out.append(previous[c] if r and c < len(previous) else "")
        rows.append(tuple(out))
        previous = out
    return rows


def _spanned_from_left(cells: Sequence[Any], c: int, columns: Sequence[Any]) -> bool:
    if c >= len(columns) or columns[c] is None:
        return False
    middle = (columns[c][0] + columns[c][2]) / 2
    return any(box is not None and box[0] < middle < box[2] for box in cells[:c])
