"""One pipeline for every format: grid → header → column roles → rows and sections → units → issues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Literal

from taskdoc.entries import Entry, Heading, Table
from taskdoc.errors import refuse
from taskdoc.finish import finish
from taskdoc.grid import Grid, Item
from taskdoc.header import (
    Header,
    cell_kind,
    combine_rows,
    is_header_word,
    join_header_fragments,
    resolve,
    split_header_line,
)
from taskdoc.indicators import indicators as extract_indicators  # patched by tests: keep the name
from taskdoc.indicators import target_year_for_section
from taskdoc.issues import Note
from taskdoc.labelled import parse_labelled
from taskdoc.lexicon import (
    bare_heading_marker,
    heading_level,
    is_furniture,
    is_table_title,
    parse_seq,
    says_first_unit_leads,
)
from taskdoc.model import Indicator, ParsedPlan, ParsedTask, RowIssue
from taskdoc.normalize import clean_line, fold, squash
from taskdoc.roles import unheaded
from taskdoc.table import from_lines, from_rows, from_stream

_SUBHEADER_MAX = 8
_HEADING_MAX = 40
_HEADER_CELLS_MAX = 14
_ATTACHMENT = re.compile(r"^附件\d*[:：]?$")
_HEADER_CELL_LEN = 16


@dataclass(frozen=True)
class _Located:
    shape: Literal["rows", "stream", "line", "cells"]
    start: int
    end: int
    header: Header
    header_rows: tuple[tuple[str, ...], ...]


def parse_grid(grid: Grid, *, region: str | None, year: int | None, today: date | None = None) -> ParsedPlan:
    table = read_table(grid)
    tasks, issues = finish(table)
    if not tasks:
        refuse("no_rows")
    from taskdoc.document import document_info

    units = [u for t in tasks for u in (*t.lead_units, *t.co_units)]
    document = document_info(table.before, table.after, units, region=region, year=year)
    plan_year = document.year or (
        document.date.year if document.date else (today or datetime.now(UTC).astimezone().date()).year
    )
    tasks, indicator_issues = _with_indicators(tasks, plan_year)
    notes = [RowIssue(None, "document", note.code, dict(note.params)) for note in table.notes]
    header = Header(table.columns, table.roles) if len(table.columns) == len(table.roles) else None
    return ParsedPlan(
        document=document,
        columns=table.columns,
        column_roles=header.column_roles if header else {},
        tasks=tuple(tasks),
        issues=(*notes, *issues, *indicator_issues),
    )


def read_table(grid: Grid) -> Table:
    items = grid.items
    located = _locate(items, grid.stream) or _without_header(items)
    if located is None:
        table = parse_labelled([_as_line(item) for item in items])
        if table is None:
            refuse("no_table")
        return table
    header, rest = located.header, items[located.end :]
    before = [_as_line(item) for item in items[: located.start]]
    before, leading = _split_leading_headings(before)
    notes: list[Note] = []
    after: list[str] = []
    if located.shape == "rows":
        entries, after, notes = from_rows(header, located.header_rows, rest, titles=before)
    elif located.shape == "stream":
        entries = _stream_tables(
            header, [item[0] if isinstance(item, tuple) else item for item in rest if not _is_page_line(item)]
        )
    elif located.shape == "line":
        entries, after = from_lines(header, [_as_line(item) for item in rest])
    else:
        lines = [line for line in (_as_line(i) for i in rest) if line.strip()]
        entries = _stream_tables(
            header, [line for line in lines if parse_seq(line) or not is_furniture(line)]
        )
    first_leads = any(says_first_unit_leads(text) for text in (*before, *after, *header.columns))
    return Table(
        columns=header.columns if any(header.columns) else (),
        roles=header.roles,
        entries=(*leading, *entries),
        before=tuple(before),
        after=tuple(after),
        notes=tuple(notes),
        first_unit_leads=first_leads,
    )


def _is_page_line(item: Item) -> bool:
    """A free line of the page between or after the cells (分享到, 打印, a page number)."""
    return isinstance(item, str) and (not item.strip() or is_furniture(item))


def _stream_tables(header: Header, cells: Sequence[str]) -> list[Entry]:
    """Rows of a stream of cells, where a later table (附件2 with its own header) may start."""
    items: list[Item] = [(cell,) for cell in cells]
    entries: list[Entry] = []
    start = k = 0
    while k < len(items):
        found = _cells_header(items, k, "stream") if k > start else None
        if found is None:
            k += 1
            continue
        entries.extend(from_stream(header, _without_titles(cells[start:k])))
        header, start = found.header, found.end
        k = found.end
    entries.extend(from_stream(header, cells[start:]))
    return entries


def _without_titles(cells: Sequence[str]) -> list[str]:
    """The cells of a table without the attachment number and title printed before the next table."""
    out = list(cells)
    while out and (
        not out[-1].strip() or is_table_title(out[-1]) or _ATTACHMENT.match(squash(fold(out[-1])))
    ):
        out.pop()
    return out


def _without_header(items: Sequence[Item]) -> _Located | None:
    """Rows of cells printed without a header: roles from what the columns hold."""
    found = unheaded(items)
    return _Located("rows", found[0], found[0], found[1], ()) if found else None


def _as_line(item: Item) -> str:
    """A row as one line; a cell merged across columns (a title row) is given once."""
    if isinstance(item, str):
        return item
    cells = [c for i, c in enumerate(item) if c.strip() and (i == 0 or c != item[i - 1])]
    return "\t".join(cells)


def _split_leading_headings(before: list[str]) -> tuple[list[str], list[Heading]]:
    """Section headings printed just above the header (only the table's title may follow them)
    open the table's first section: '一、扩大内需' / '2025年…分解表' / header."""
    lines = [(i, clean_line(line)) for i, line in enumerate(before) if clean_line(line)]
    k = len(lines)
    while k and is_table_title(lines[k - 1][1]):
        k -= 1
    first = k
    while first and _is_heading_line(lines[first - 1][1]):
        first -= 1
    if first == k:
        return before, []
    taken = {i for i, _ in lines[first:k]}
    headings = [Heading(text, heading_level(text) or 0) for _, text in lines[first:k]]
    return [line for i, line in enumerate(before) if i not in taken], headings


def _is_heading_line(line: str) -> bool:
    level = heading_level(line)
    return level is not None and level <= 2 and len(line) <= _HEADING_MAX and line[-1] not in "。；;：:，,"


def _locate(items: Sequence[Item], stream: bool) -> _Located | None:
    for i, item in enumerate(items):
        if isinstance(item, tuple):
            found = _stream_header(items, i) if stream else _rows_header(items, i)
        else:
            found = _line_header(items, i)
        if found is not None:
            return found
    return None


def _rows_header(items: Sequence[Item], i: int) -> _Located | None:
    row = items[i]
    assert isinstance(row, tuple)  # noqa: S101 -- narrows the type: called on table rows only
    if len({squash(c) for c in row if c.strip()}) < 2:  # a title merged across the columns
        return None
    below = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], tuple) else None
    if isinstance(below, tuple) and _is_subheader(below) and any(cell_kind(c) for c in row if c.strip()):
        combined = resolve(combine_rows(row, below))
        if combined is not None:
            return _Located("rows", i, i + 2, combined, (row, below))
    header = resolve(row)
    if header is not None:
        return _Located("rows", i, i + 1, header, (row,))
    return None


def _is_subheader(row: tuple[str, ...]) -> bool:
    values = {clean_line(c) for c in row if c.strip()}
    return len(values) >= 2 and all(
        cell_kind(v) is not None and heading_level(v) is None and len(v) <= _SUBHEADER_MAX for v in values
    )


def _stream_header(items: Sequence[Item], i: int) -> _Located | None:
    relaxed = _cells_header(items, i, "stream")
    if relaxed is not None:
        return relaxed
    cells: list[str] = []
    j = i
    while j < len(items) and isinstance(items[j], tuple) and len(cells) < 10:
        cell = items[j][0] if items[j] else ""
        if not cell_kind(cell):
            break
        cells.append(cell)
        j += 1
    header = resolve(cells) if len(cells) >= 2 else None
    return _Located("stream", i, j, header, (tuple(cells),)) if header else None


def _item_text(item: Item) -> str:
    return clean_line(item[0] if isinstance(item, tuple) and item else _as_line(item))


def _cells_header(items: Sequence[Item], i: int, shape: Literal["stream", "cells"]) -> _Located | None:
    """A header printed one cell per line, found by where it ends: short cells, then a row number.
    Header words are only a hint here: an unknown short cell (第二季度完成情况) is a column taskdoc skips."""
    first = _item_text(items[i])
    if not first or is_table_title(first) or isinstance(items[i], tuple) != (shape == "stream"):
        return None
    if cell_kind(first) in (None, "other"):  # a header starts with a word it knows (序号, 工作任务 …)
        return None
    cells: list[str] = []
    j = i
    while (
        j < len(items)
        and isinstance(items[j], tuple) == (shape == "stream")
        and len(cells) <= _HEADER_CELLS_MAX
    ):
        text = _item_text(items[j])
        if text and (_starts_row(text) or not _is_header_cell(text)):
            break
        if text:
            cells.append(text)
        j += 1
    if j >= len(items) or not _starts_row(_item_text(items[j])) or len(cells) < 3:
        return None
    cells = join_header_fragments(cells)
    header = resolve(cells)
    return _Located(shape, i, j, header, (tuple(cells),)) if header else None


def _starts_row(text: str) -> bool:
    """A row number, or a group number (一) in the 序号 column."""
    return parse_seq(text) is not None or (bare_heading_marker(text) == 1 and len(squash(text)) <= 2)


def _is_header_cell(text: str) -> bool:
    name = squash(fold(text))
    return (
        len(name) <= _HEADER_CELL_LEN
        and not any(ch in name for ch in "。；;，,：:")
        and heading_level(name) is None
    )


def _line_header(items: Sequence[Item], i: int) -> _Located | None:
    line = clean_line(_as_line(items[i]))
    if not line:
        return None
    words = split_header_line(line)
    if words:
        header = resolve(words)
        if header is not None:
            return _Located("line", i, i + 1, header, (tuple(words),))
    relaxed = _cells_header(items, i, "cells")
    if relaxed is not None:
        return relaxed
    cells: list[str] = []
    j = i
    while j < len(items) and isinstance(items[j], str) and len(cells) < 10:
        text = clean_line(_as_line(items[j]))
        if text and not is_header_word(text):
            break
        if text:
            cells.append(text)
        j += 1
    header = resolve(cells) if len(cells) >= 3 else None
    return _Located("cells", i, j, header, (tuple(cells),)) if header else None


# ---------------------------------------------------------------- indicators (taskdoc.indicators)


def _with_indicators(tasks: list[ParsedTask], plan_year: int) -> tuple[list[ParsedTask], list[RowIssue]]:
    """Each task's quantitative targets. The extractor is part of taskdoc, not optional: a task whose
    sentence it cannot read gets a row issue (`indicators_failed`, shown at the preview and on the task);
    nothing fails silently."""
    out: list[ParsedTask] = []
    issues: list[RowIssue] = []
    for task in tasks:
        try:
            default = target_year_for_section(task.section, plan_year)
            found: tuple[Indicator, ...] = tuple(
                extract_indicators(task.text, plan_year=plan_year, default_target_year=default)
            )
        except Exception as error:  # one bad sentence must not stop the table; it is said on its row
            why = f"{type(error).__name__}: {error}"
            issues.append(RowIssue(task.seq, "indicators", "indicators_failed", {"why": why}))
            out.append(task)
            continue
        out.append(replace(task, indicators=found))
    return out, issues
