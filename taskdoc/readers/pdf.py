"""PDF: ruled tables through pdfplumber's line strategy, page by page; text outside tables as lines.

Most PDFs are a Word file exported: a ruled table whose cells wrap their text over several lines, with
merged cells, the header repeated on each page and a row cut by a page break. Each cell's text is
rebuilt from its characters: a line that was full (the next line's first word could not have fitted
after it) was wrapped and is joined to the next without a space between CJK characters; a line that
stopped short ended a paragraph and keeps its line break, as the Word cell did.

A row cut by a page break is printed again on the next page with an empty first (序号) cell; it is
joined back to the row it continues. A vertically merged cell (None below its first row) takes the
value above, even across a page; a horizontally merged one (None beside a cell spanning it) stays
empty, so a heading row keeps one value. A PDF without ruled tables is read as lines of text.

Told from the page alone, and so not recovered: a space at a wrap between Chinese and a number when
the cell has no habit to go by, and a cell merged down over a page break at a row boundary (its text
is printed above the break only, so the row below reads an empty cell).

Pages are processed one at a time and closed after use; only the last row of a page is held back (it
may continue on the next), so memory stays flat on long tables.
"""

from __future__ import annotations

import io
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item
from taskdoc.lexicon import is_furniture
from taskdoc.limits import OUT_OF_MEMORY, check_pdf, out_of_memory
from taskdoc.model import TaskdocError

_MAX_PAGES = 3000
_SPACE_GAP = 0.24  # a gap wider than this share of the font size is a space (CJK/Latin autospacing is 0.2)
_OPENING = "（(“‘《〈「『【〔［｛[{<"
_CLOSING = "）)”’》〉」』】〕］｝]}>，,。.、；;：:！!？?%％…—·"
_AUTOSPACE = 0.2  # em: the room CJK/Latin autospacing takes
_SPACED = 0.35  # em: that room with a space
_SEPARATORS = "、，,；;/／"
_BOUNDARY = re.compile(r"(?<=[\u4e00-\u9fff])( ?)(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])( ?)(?=[\u4e00-\u9fff])")
_HAN_LATIN = re.compile(r"[\u4e00-\u9fff][0-9A-Za-z]|[0-9A-Za-z%][\u4e00-\u9fff]")
_MATCH = 3.0  # points: columns on two pages are the same column
_HEADER_LIKENESS = 0.6  # an OCR'd header repeated on a page: most characters read the same


def read(data: bytes) -> Grid:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    check_pdf(data)  # objects, pages and inflated streams, before pdfminer unpacks anything
    items: list[Item] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > _MAX_PAGES:
                fail("PDF 页数过多", f"the PDF has more than {_MAX_PAGES} pages; upload the table alone")
            carry = _Carry()
            for page in pdf.pages:
                items.extend(_page_items(page, carry))
                page.close()
            items.extend(carry.flush())
    except TaskdocError:
        raise
    except PDFSyntaxError:
        fail("PDF 文件已损坏", "the PDF could not be read; save or print it to PDF again")
    except Exception as error:  # pdfminer raises many kinds on damaged files
        if out_of_memory(error):
            fail(*OUT_OF_MEMORY)
        fail(
            "PDF 文件无法读取",
            f"the PDF could not be read ({type(error).__name__}); save or print it to PDF again",
        )
    if not any(isinstance(i, tuple) or i.strip() for i in items):
        from taskdoc.readers import ocr  # a scan: no text layer

        return ocr.read(data)
    return Grid(tuple(items))


# ---------------------------------------------------------------- text of a cell


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    word: float  # width of the first unbreakable piece (a CJK character with its punctuation, a word)
    size: float


@dataclass
class _Cell:
    """The lines of one cell and the right edge its text may reach."""

    lines: list[_Line]
    limit: float

    def text(self) -> str:
        return _joined(self.lines, self.limit)


def _joined(lines: Sequence[_Line], limit: float) -> str:
    if not lines:
        return ""
    spaced = _spaced_style(lines) if len(lines) > 1 else False
    parts = [lines[0].text]
    for a, b in itertools.pairwise(lines):
        parts.append(_joiner(a, b, limit, spaced))
        parts.append(b.text)
    return "".join(parts)


def _spaced_style(lines: Sequence[_Line]) -> bool:
    """Whether the cell puts a space between Chinese and a number or Latin word ('增长 5%')."""
    spaced = tight = 0
    for line in lines:
        for match in _BOUNDARY.finditer(line.text):
            if match.group(1) or match.group(2):
                spaced += 1
            else:
                tight += 1
    return spaced > tight


def _joiner(a: _Line, b: _Line, limit: float, spaced: bool = False) -> str:
    """'' or ' ' when `a` was wrapped onto `b`, a line break when `a` ended a paragraph.

    `a` was wrapped when the first piece of `b` would not have fitted after it: after a space between
    Latin words, after nothing between CJK characters, and between CJK and Latin text after the fifth
    of an em some writers add there. Where the piece would have fitted but for a space, a space was
    there; where it cannot be told, the cell's own habit ('增长 5%' or '增长5%') decides. A full line
    may still end a paragraph, as in a cell listing one unit per line: a line break is kept where a
    unit's name ends the line and another starts the next.
    """
    tolerance = 0.05 * a.size
    last, first = a.text[-1], b.text[0]
    mixed = _is_cjk(last) != _is_cjk(first)
    room = limit + tolerance - a.x1 - b.word
    if not _is_cjk(last) and not _is_cjk(first):
        return " " if room < _SPACED * a.size else "\n"  # Latin words wrap at a space
    if room < (_AUTOSPACE * a.size if mixed else 0.0):
        if _two_names(a.text, b.text):
            return "\n"
        return " " if spaced and _HAN_LATIN.fullmatch(last + first) else ""
    if mixed and room < _SPACED * a.size:
        return " "
    return "\n"


def _two_names(a: str, b: str) -> bool:
    """Whether line `a` ends with a unit's name and line `b` starts another (not inside brackets)."""
    from taskdoc.units import is_unit_like, starts_new_unit

    depth, start = 0, 0
    for i, ch in enumerate(a):
        if ch in "（(":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif not depth and (ch in _SEPARATORS or ch.isspace()):
            start = i + 1
    if depth or b[0] in _OPENING or b[0] in _CLOSING:
        return False
    head = b
    for i, ch in enumerate(b):
        if ch in "（(" or ch in _SEPARATORS or ch.isspace():
            head = b[:i]
            break
    return is_unit_like(a[start:]) and ((is_unit_like(head) and len(head) >= 3) or starts_new_unit(head))


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return o >= 0x2E80 or 0x2010 <= o <= 0x206F  # CJK, full-width forms, and the curly quotes and dashes


def _lines(chars: Sequence[dict[str, Any]]) -> list[_Line]:
    """Characters grouped into lines, top to bottom, each left to right."""
    rows: list[list[dict[str, Any]]] = []
    middle = 0.0
    for char in sorted(chars, key=_middle):
        m = _middle(char)
        if rows and m - middle <= 0.5 * max(_size(char), 1.0):
            rows[-1].append(char)
        else:
            rows.append([char])
            middle = m
    out = []
    for row in rows:
        line = _line(sorted(row, key=lambda c: c["x0"]))
        if line is not None:
            out.append(line)
    return out


def _middle(char: dict[str, Any]) -> float:
    return (char["top"] + char["bottom"]) / 2  # type: ignore[no-any-return]


def _size(char: dict[str, Any]) -> float:
    return float(char.get("size") or (char["bottom"] - char["top"]))


def _line(chars: Sequence[dict[str, Any]]) -> _Line | None:
    text: list[str] = []
    kept: list[dict[str, Any]] = []
    space = False
    for char in chars:
        t = char["text"]
        if not t or t.isspace():
            space = bool(kept)
            continue
        if kept:
            last = kept[-1]
            if t == last["text"] and abs(char["x0"] - last["x0"]) < 0.2 * _size(char):
                continue  # the same glyph printed twice (fake bold)
            if space or char["x0"] - last["x1"] > _SPACE_GAP * max(_size(char), _size(last)):
                text.append(" ")
        text.append(t)
        kept.append(char)
        space = False
    if not kept:
        return None
    return _Line(
        "".join(text),
        float(kept[0]["x0"]),
        float(kept[-1]["x1"]),
        _first_word(kept),
        max(_size(c) for c in kept),
    )


def _first_word(chars: Sequence[dict[str, Any]]) -> float:
    """The width the first piece of the line needed on the line above: opening punctuation, then one
    CJK character or a word, then the punctuation that may not start a line."""
    i, n = 0, len(chars)
    while i < n - 1 and chars[i]["text"] in _OPENING:
        i += 1
    if _is_cjk(chars[i]["text"][0]):
        i += 1
    else:
        while i < n and not _is_cjk(chars[i]["text"][0]) and (i == 0 or _touching(chars[i - 1], chars[i])):
            i += 1
    while i < n and chars[i]["text"] in _CLOSING and _touching(chars[i - 1], chars[i]):
        i += 1
    i = max(i, 1)
    return float(chars[i - 1]["x1"] - chars[0]["x0"])


def _touching(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(b["x0"] - a["x1"] <= _SPACE_GAP * max(_size(a), _size(b)))


# ---------------------------------------------------------------- tables

_UP = "up"  # a cell covered by one merged from the row above
_LEFT = "left"  # a cell covered by one merged from the left


@dataclass
class _Row:
    cells: list[_Cell | str]  # a cell, or _UP / _LEFT
    xs: tuple[float, ...]  # the left edges of the table's columns
    values: list[str] = field(default_factory=list)


@dataclass
class _Carry:
    """What one page hands to the next: its last table row (it may go on) and the lines below it."""

    row: _Row | None = None
    after: list[str] = field(default_factory=list)
    header: tuple[str, ...] | None = None  # the first row of the last table, repeated on each page

    def flush(self) -> list[Item]:
        out: list[Item] = [] if self.row is None else [tuple(self.row.values)]
        out.extend(self.after)
        self.row, self.after = None, []
        return out


def _page_items(page: Any, carry: _Carry) -> list[Item]:
    """Lines above each table, the table's rows, then the lines below the last table."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    lines = page.extract_text_lines(return_chars=False)
    if not tables:
        return [*carry.flush(), *(line["text"] for line in lines)]
    chars = sorted(page.chars, key=_middle)
    middles = [_middle(c) for c in chars]
    items: list[Item] = []
    floor = float("-inf")
    for n, table in enumerate(tables):
        top, bottom = table.bbox[1], table.bbox[3]
        above = [line["text"] for line in lines if floor - 1 <= line["top"] and line["bottom"] <= top + 1]
        rows = _table_rows(table, chars, middles)
        if not rows:
            continue
        _fill(rows[:1], [])
        k = 1 if len(rows) > 1 and _same_header(rows[0].values, carry.header) else 0  # repeated
        joined = carry.row if n == 0 and _continues(carry, above, rows[k]) else None
        if joined is not None:
            _join(joined, rows.pop(k))
            _fill(rows[:k], [])
            _fill(rows[k:], joined.values)
            rows.insert(k, joined)  # after the repeated header, so a row going on again stays last
            carry.row = None
        else:
            _fill(rows, [])
            if not k:
                carry.header = tuple(rows[0].values)
        items.extend(carry.flush())
        items.extend(above)
        carry.row = rows.pop()  # the last row may go on over the page
        items.extend(tuple(r.values) for r in rows)
        if n < len(tables) - 1:
            items.extend(carry.flush())
        floor = bottom
    carry.after = [line["text"] for line in lines if line["top"] >= floor - 1]
    return items


def _same_header(values: Sequence[str], header: tuple[str, ...] | None) -> bool:
    """The header row printed again: the same cells (near enough when read by OCR: most characters)."""
    if header is None or len(values) != len(header):
        return False
    if tuple(values) == header:
        return True
    from difflib import SequenceMatcher

    return SequenceMatcher(None, "|".join(values), "|".join(header)).ratio() >= _HEADER_LIKENESS


def _continues(carry: _Carry, above: Sequence[str], row: _Row) -> bool:
    """Whether `row`, at the top of a table, goes on with the last row of the page before: the same
    columns, nothing but page furniture between, an empty first cell and text in another."""
    previous = carry.row
    if previous is None or any(t.strip() and not is_furniture(t) for t in (*carry.after, *above)):
        return False
    if len(row.xs) != len(previous.xs) or any(
        abs(a - b) > _MATCH for a, b in zip(row.xs, previous.xs, strict=True)
    ):
        return False
    if any((a == _LEFT) != (b == _LEFT) for a, b in zip(previous.cells, row.cells, strict=True)):
        return False  # not the same cells: a heading row merged across, say
    first = row.cells[0]
    if not isinstance(first, _Cell) or first.lines:
        return False
    return any(isinstance(cell, _Cell) and cell.lines for cell in row.cells)


def _join(previous: _Row, row: _Row) -> None:
    for c, (before, after) in enumerate(zip(previous.cells, row.cells, strict=True)):
        if not isinstance(after, _Cell) or not after.lines:
            continue
        if isinstance(before, _Cell):
            before.lines = [*before.lines, *after.lines]
            previous.values[c] = before.text()
        else:  # a cell merged from above goes on: its lines above are gone with their page
            above = previous.values[c]
            previous.values[c] = f"{above}\n{after.text()}" if above else after.text()


def _fill(rows: Sequence[_Row], above: Sequence[str]) -> None:
    """Each row's values; a cell merged from above repeats the value above it."""
    for row in rows:
        if row.values:
            above = row.values
            continue
        row.values = [
            cell.text() if isinstance(cell, _Cell) else (above[c] if cell == _UP and c < len(above) else "")
            for c, cell in enumerate(row.cells)
        ]
        above = row.values


def _table_rows(table: Any, chars: Sequence[dict[str, Any]], middles: Sequence[float]) -> list[_Row]:
    grid = table.rows
    xs = tuple(sorted({box[0] for row in grid for box in row.cells if box is not None}))
    found: list[tuple[Sequence[Any], list[_Cell | str]]] = []
    for row in grid:
        _, top, _, bottom = row.bbox
        band = chars[bisect_left(middles, top) : bisect_right(middles, bottom)]
        cells: list[_Cell | str] = []
        for c, box in enumerate(row.cells):
            if box is None:
                cells.append(_LEFT if _spanned_from_left(row.cells, c, xs) else _UP)
                continue
            inside = [
                char
                for char in band
                if box[0] <= (char["x0"] + char["x1"]) / 2 < box[2] and box[1] <= _middle(char) < box[3]
            ]
            cells.append(_Cell(_lines(inside), float(box[2])))
        found.append((row.cells, cells))
    pad = _padding(found)
    out = []
    for _, cells in found:
        for cell in cells:
            if isinstance(cell, _Cell):
                cell.limit -= pad
        out.append(_Row(cells, xs))
    return out


def _padding(found: Sequence[tuple[Sequence[Any], list[_Cell | str]]]) -> float:
    """The cells' inner margin: the least distance from a cell's left edge to its text, at most a
    character (centred text alone must not make it wide)."""
    offsets: list[float] = []
    sizes: list[float] = []
    for boxes, cells in found:
        for box, cell in zip(boxes, cells, strict=True):
            if isinstance(cell, _Cell) and cell.lines and box is not None:
                offsets.append(min(line.x0 for line in cell.lines) - float(box[0]))
                sizes.append(cell.lines[0].size)
    if not offsets:
        return 0.0
    return max(0.0, min(min(offsets), sorted(sizes)[len(sizes) // 2]))


def _spanned_from_left(boxes: Sequence[Any], c: int, xs: Sequence[float]) -> bool:
    if c >= len(xs):
        return False
    x = xs[c] + 0.5
    return any(box is not None and box[0] < x < box[2] for box in boxes[:c])
