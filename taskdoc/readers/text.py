"""Plain text: decoding (UTF-8 with or without BOM, UTF-16, GB18030/GBK) and the tab layouts.

Three shapes reach us as text: tab-separated rows (one table row per line); a tab before each cell
with the row boundaries lost (lines without a tab continue the cell, ' \\t' is an empty cell); and
lines without tabs, whose layout (a row per line, a cell per line, labelled tasks) the pipeline reads.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item
from taskdoc.lexicon import is_furniture

_PIPE_ROW_BARS = 3
_PIPE_ROW_LINES = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read(data: bytes) -> Grid:
    text = decode(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tab_lines = [line for line in lines if "\t" in line]
    if _is_pipe_cells(lines):
        return _pipe_stream(lines)
    if _is_pipe_rows(lines):
        return _pipe_rows(lines)
    if not tab_lines:
        return Grid(tuple(lines))
    single = sum(1 for line in tab_lines if sum(1 for c in line.split("\t") if c.strip()) <= 1)
    if single * 5 > len(tab_lines) * 3:
        return _cell_stream(lines)
    if '\t"' in text or text.lstrip().startswith('"'):
        return _quoted_rows(text)
    return Grid(tuple(tuple(line.split("\t")) if "\t" in line else line for line in lines))


def _is_pipe_cells(lines: list[str]) -> bool:
    """Cells copied out of a web page one per line, each closed by ' |' (a bare '|' is an empty cell)."""
    filled = [line.strip() for line in lines if line.strip()]
    piped = [line for line in filled if line.endswith("|") and _pipe_cells(line) in ([], [line[:-1].strip()])]
    return len(piped) >= 6 and len(piped) * 3 >= len(filled)


def _is_pipe_rows(lines: list[str]) -> bool:
    """Whole rows on one line between bars: '| 1 | 新建… | 区民政局 |'."""
    rows = [line for line in lines if line.count("|") >= _PIPE_ROW_BARS]
    return len(rows) >= _PIPE_ROW_LINES


def _pipe_rows(lines: list[str]) -> Grid:
    items: list[Item] = []
    for line in lines:
        text = line.strip()
        if text.count("|") < _PIPE_ROW_BARS or set(text) <= set("|-: "):  # a rule line |---|---|
            items.append(line if text.count("|") < _PIPE_ROW_BARS else "")
            continue
        inner = text[1:] if text.startswith("|") else text
        inner = inner[:-1] if inner.endswith("|") else inner
        items.append(tuple(cell.strip() for cell in inner.split("|")))
    return Grid(tuple(items))


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip()]


def _pipe_stream(lines: list[str]) -> Grid:
    """One cell per line ('X |'); a line of bars only is an empty cell; a line of several cells
    (a page's metadata grid: '索引号: | … | 发布日期: | … |') stays a free line."""
    items: list[Item] = []
    for line in lines:
        text = line.strip()
        cells = _pipe_cells(text)
        if not text.endswith("|") or len(cells) > 1:
            items.append(" ".join(cells) if cells and "|" in text else line)
        elif cells:
            items.append((cells[0],))
        elif items and isinstance(items[-1], tuple):
            items.append(("",))
    return Grid(tuple(items), stream=True)


def _quoted_rows(text: str) -> Grid:
    """Tab-separated text copied out of Excel: a cell holding line breaks is quoted ("…\n…")."""
    items: list[Item] = []
    for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"'):
        items.append(tuple(row) if len(row) > 1 else (row[0] if row else ""))
    return Grid(tuple(items))


def decode(data: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(codec, errors="replace"))
    guess = _utf16_without_bom(data)
    if guess:
        return _checked(data.decode(guess, errors="replace"))
    for codec in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(codec))
        except UnicodeDecodeError:
            continue
    fail(
        "无法识别文件编码，可能不是文本文件",
        "not a readable text file (neither UTF-8, UTF-16 nor GB18030); upload a .docx, .xlsx, .pdf or a text export",
    )


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > max(2, len(sample) // 100):
        fail(
            "文件内容不是文本（含大量二进制字符）",
            "the file holds binary data, not text; upload the table as .docx, .xlsx, .pdf or text",
        )
    if not text.strip():
        fail("文件为空", "the file holds no text; upload the file that holds the task table")
    return text


def _cell_stream(lines: list[str]) -> Grid:
    """Cells that each start after a tab; a line without a tab continues the current cell."""
    items: list[Item] = []
    cell: list[str] | None = None
    for line in lines:
        if "\t" not in line:
            if cell is None:
                items.append(line)  # before the table: a free line
            elif line.strip() and not is_furniture(line):
                cell.append(line.strip())
            continue
        first, *rest = line.split("\t")
        if first.strip():
            cell = [*(cell or []), first.strip()]  # text before the tab still belongs to the open cell
        if cell is not None:
            items.append(("\n".join(cell),))
        if first and not first.strip():
            items.append(("",))  # ' \t': an empty cell
        items.extend((part.strip(),) for part in rest[:-1])
        cell = [rest[-1].strip()] if rest[-1].strip() else []
    if cell is not None:
        items.append(("\n".join(cell),))
    return Grid(tuple(items), stream=True)
