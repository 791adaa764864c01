"""Rows and headings of a table whose header has been found, for each way a table reaches us.

- `from_rows`: rows of cells (Word, Excel, PDF, tab-separated text).
- `from_stream`: cells whose row boundaries were lost (one cell per line, or a tab before each cell).
- `from_lines`: a whole row per line, cells separated by spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from taskdoc.align import EMPTY, HEADING, OTHER, SEQ, TEXT, align, kind_of
from taskdoc.entries import Entry, Heading, RawRow
from taskdoc.header import Header, resolve
from taskdoc.issues import Note, note
from taskdoc.lexicon import SENTENCE_END, bare_heading_marker, heading_level, is_furniture, parse_seq
from taskdoc.model import ColumnRole
from taskdoc.normalize import clean_line, fold, squash
from taskdoc.units import unpad

_JOINED = note("row_joined")


def _row_from_columns(values: Sequence[str], header: Header, notes: Sequence[Note] = ()) -> RawRow:
    def value(role: ColumnRole) -> str:
        i = header.index_of(role)
        return values[i] if i is not None and i < len(values) else ""

    cells = tuple(
        (role, values[i])
        for i, role in enumerate(header.roles)
        if role is not None and role not in ("seq", "text", "group") and i < len(values)
    )
    return RawRow(seq=value("seq"), text=value("text"), cells=cells, notes=tuple(notes), group=value("group"))


def _merge(previous: RawRow, row: RawRow, joined: Note | None) -> RawRow:
    cells = dict(previous.cells)
    for role, value in row.cells:
        if value.strip():
            cells[role] = f"{cells[role]}\n{value}" if cells.get(role, "").strip() else value
    notes = previous.notes + row.notes + ((joined,) if joined and joined not in previous.notes else ())
    return RawRow(
        previous.seq,
        previous.text + "\n" + row.text if row.text else previous.text,
        tuple(cells.items()),
        notes,
        previous.group or row.group,
    )


def _has_cells(row: RawRow) -> bool:
    return any(value.strip() for _, value in row.cells)


def _add_row(entries: list[Entry], row: RawRow) -> None:
    """Append a task row, or join it to the row before when it continues that row."""
    previous = entries[-1] if entries and isinstance(entries[-1], RawRow) else None
    if previous is not None and row.seq.strip() == "":
        text_only = bool(row.text.strip()) and not _has_cells(row)
        cells_only = not row.text.strip() and _has_cells(row)
        if text_only or cells_only:
            entries[-1] = _merge(previous, row, _JOINED)
            return
    if previous is not None and row.seq.strip() and (row.seq, row.text) == (previous.seq, previous.text):
        entries[-1] = _merge(previous, RawRow(row.seq, "", row.cells), None)  # vertically merged cells
        return
    entries.append(row)


# ---------------------------------------------------------------- rows of cells


def _single_value_entry(cells: Sequence[str], header: Header) -> Heading | None:
    """A row holding one value only: a heading (marked, merged across, or in the 序号 column)."""
    values = {c for c in cells if c}
    if len(values) != 1:
        return None
    value = values.pop()
    if parse_seq(value) is not None:
        return None
    level = heading_level(value)
    if level is not None:
        return Heading(value, level)
    spots = [i for i, c in enumerate(cells) if c]
    if len(spots) >= 2 or spots == [header.index_of("seq")]:
        return Heading(value, 0)
    return None


def _numbered_heading(cells: Sequence[str], header: Header) -> Heading | None:
    """A heading split over two cells: its number in the 序号 cell ('一', '（一）'), its words in the task
    cell, the rest of the row empty. Joined as printed; a bare numeral gets a space between."""
    seq_i, text_i = header.index_of("seq"), header.index_of("text")
    if seq_i is None or text_i is None or max(seq_i, text_i) >= len(cells):
        return None
    marker, words = cells[seq_i], cells[text_i]
    others = [c for i, c in enumerate(cells) if i not in (seq_i, text_i) and c and c not in (marker, words)]
    level = bare_heading_marker(marker) if marker and words and not others else None
    if level is None:
        return None
    joiner = "" if fold(marker)[-1] in "、.)" else " "
    return Heading(marker + joiner + words, level)


def from_rows(
    header: Header,
    header_rows: Sequence[Sequence[str]],
    items: Sequence[str | tuple[str, ...]],
    titles: Sequence[str] = (),
) -> tuple[list[Entry], list[str], list[Note]]:
    """Entries from rows of cells; free lines between rows are headings or reported; → entries, after, notes.

    The header and the lines printed above the table (`titles`) may repeat on a later page or sheet;
    repeated, they are neither rows nor headings.
    """
    repeats = {tuple(squash(c) for c in row if c.strip()) for row in header_rows}
    repeats.update((squash(t),) for t in titles if squash(t))
    entries: list[Entry] = []
    pending: list[str] = []
    notes: list[Note] = []
    width = len(header.roles)
    for item in items:
        if isinstance(item, str):
            line = clean_line(item)
            level = heading_level(line) if line else None
            if level is not None and level <= 2:
                entries.append(Heading(line, level))
            elif line:
                pending.append(line)
            continue
        cells = [c.strip() for c in item]
        if not any(cells) or _printed_words(cells) in repeats:
            continue
        switched = resolve(cells)
        if switched is not None:  # another table with its own header
            header, width = switched, len(switched.roles)
            repeats.add(_printed_words(cells))
            continue
        notes.extend(note("line_ignored", text=line) for line in pending if not is_furniture(line))
        pending = []
        heading = _single_value_entry(cells, header) or _numbered_heading(cells, header)
        if heading is not None:
            entries.append(heading)
            continue
        _add_row(entries, _fit_row(cells, header, width))
    return entries, pending, notes


def _printed_words(cells: Sequence[str]) -> tuple[str, ...]:
    """The distinct words of a row in order (a value merged across columns counts once)."""
    out: list[str] = []
    for cell in cells:
        word = squash(cell)
        if word and (not out or out[-1] != word):
            out.append(word)
    return tuple(out)


def _fit_row(cells: list[str], header: Header, width: int) -> RawRow:
    if len(cells) > width and any(cells[width:]):
        return _aligned_row(cells, header)
    return _row_from_columns([*cells, *[""] * (width - len(cells))], header)


def _aligned_row(cells: Sequence[str], header: Header) -> RawRow:
    alignment = align(cells, header.roles)
    values: list[list[str]] = [[] for _ in header.roles]
    for cell, column in zip(cells, alignment.columns, strict=True):
        if column is not None and cell.strip():
            values[column].append(cell.strip())
    return _row_from_columns(["\n".join(v) for v in values], header, alignment.notes)


# ---------------------------------------------------------------- cells without row boundaries


def from_stream(header: Header, cells: Sequence[str]) -> list[Entry]:
    """Entries from a stream of cells: a row starts at a number, or at a second task sentence."""
    header_words = {squash(c) for c in header.columns}
    grouped = _grouped_rows(cells, header)
    if grouped is not None:
        return grouped
    entries: list[Entry] = []
    current: list[str] = []
    empties: list[str] = []

    def close(with_empties: bool) -> None:
        nonlocal current, empties
        row = current + (empties if with_empties else [])
        if any(c.strip() for c in row):
            _add_row(entries, _aligned_row(row, header))
        current = []
        if with_empties:
            empties = []

    for cell in cells:
        if squash(cell) in header_words:
            continue  # header repeated at a page break
        kind = kind_of(cell)
        if kind == EMPTY:
            empties.append("")
            continue
        started = any(c.strip() for c in current)
        if kind == SEQ and started:
            close(True)
        elif (
            kind == TEXT and _has_task_text(current) and not _numbered_row_open([*current, *empties], header)
        ):
            close(False)
        elif kind == HEADING and (_has_task_text(current) or not started):
            close(True)
            entries.append(Heading(cell.strip(), heading_level(cell) or 0))
            continue
        current.extend(empties)
        empties = []
        current.append(cell)
    close(True)
    return entries


_ITEM_MARKER = re.compile(r"^\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]\s*")
_SUB_ITEM = re.compile(r"^\s*\d{1,3}\s*[.、](?!\d)")


def _grouped_rows(cells: Sequence[str], header: Header) -> list[Entry] | None:
    """Groups numbered 一/二 whose merged cells (the lead unit, a count) cover several items numbered
    (一)/(二) in the task column: each item is a row with the group's cells; its numbered sub-items
    (1.文化中心北路) are detail, not rows. None when the cells are not laid out so."""
    text_at = header.index_of("text")
    starts = [i for i, c in enumerate(cells) if bare_heading_marker(c) == 1 and len(squash(c)) <= 2]
    items = [i for i, c in enumerate(cells) if heading_level(c) == 2 and _ITEM_MARKER.sub("", c).strip()]
    if text_at is None or not starts or not items or items[0] < starts[0]:
        return None
    entries: list[Entry] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(cells)
        marks = [i for i in items if start < i < end]
        shared = [c for c in cells[start + 1 : marks[0] if marks else end] if c.strip()]
        for m, at in enumerate(marks):
            own = list(cells[at + 1 : marks[m + 1] if m + 1 < len(marks) else end])
            sub = next((i for i, c in enumerate(own) if _SUB_ITEM.match(c)), len(own))
            entries.append(_group_item(header, shared, _ITEM_MARKER.sub("", cells[at]).strip(), own[:sub]))
    return entries


def _group_item(header: Header, shared: Sequence[str], text: str, own: Sequence[str]) -> RawRow:
    text_at = header.index_of("text")
    assert text_at is not None
    values = [""] * len(header.roles)
    values[text_at] = text
    before = align(shared, header.roles[:text_at])
    for cell, column in zip(shared, before.columns, strict=True):
        if column is not None:
            values[column] = f"{values[column]}\n{cell}".strip()
    after = align(own, header.roles[text_at + 1 :])
    for cell, column in zip(own, after.columns, strict=True):
        if column is not None:
            values[text_at + 1 + column] = f"{values[text_at + 1 + column]}\n{cell}".strip()
    return _row_from_columns(values, header)


def _numbered_row_open(cells: Sequence[str], header: Header) -> bool:
    """A row opened by its number in a table with a 序号 column ends only at the next number, as long
    as it has not yet got more cells than the header has columns (a progress column holds sentences too)."""
    filled = [c for c in cells if c.strip()]
    return header.has("seq") and bool(filled) and kind_of(filled[0]) == SEQ and len(cells) < len(header.roles)


def _has_task_text(cells: Sequence[str]) -> bool:
    rest = [k for k in (kind_of(c) for c in cells if c.strip()) if k != SEQ]
    return TEXT in rest or (bool(rest) and rest[0] == OTHER)


# ---------------------------------------------------------------- a row per line


_COLUMN_GAP = re.compile(r"\t|\s{2,}|\u3000+")


def from_lines(header: Header, lines: Sequence[str]) -> tuple[list[Entry], list[str]]:
    """Entries from lines that each hold a whole row; → entries, lines after the table."""
    header_line = squash("".join(header.columns))
    entries: list[Entry] = []
    after: list[str] = []
    for raw in lines:
        line = clean_line(raw)
        if not line or is_furniture(line) or squash(line) == header_line:
            continue
        level = heading_level(line)
        if level is not None and level <= 2:
            entries.append(Heading(line, level))
            continue
        cells = _line_cells(line, len(header.roles))
        if cells is None:
            after.append(line)
            continue
        row = _aligned_row(cells, header)
        if not row.seq and not _has_cells(row) and not entries:
            after.append(line)
            continue
        previous = entries[-1] if entries else None
        if isinstance(previous, RawRow) and _continues(previous, row):
            entries[-1] = _merge(previous, row, None)  # the task sentence wrapped onto this line
        else:
            _add_row(entries, row)
        after = []
    return entries, after


def _continues(previous: RawRow, row: RawRow) -> bool:
    """A line without a number after a task sentence that has not ended continues that row."""
    text = previous.text.rstrip()
    return not row.seq and bool(row.text.strip()) and bool(text) and text[-1] not in SENTENCE_END


def _line_cells(line: str, width: int) -> list[str] | None:
    # 黄  伟: a leader's name padded to the width of three characters
    cells = unpad((c for c in _COLUMN_GAP.split(line) if c), names_only=True)
    if len(cells) >= min(width, 3):
        return cells
    tokens = unpad(line.split(), names_only=True)
    if not tokens:
        return None
    seq = [tokens.pop(0)] if parse_seq(tokens[0]) is not None else [""]
    end = max((i for i, t in enumerate(tokens) if t[-1] in SENTENCE_END), default=0)
    return [*seq, " ".join(tokens[: end + 1]), *tokens[end + 1 :]]
