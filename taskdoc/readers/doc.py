"""Word 97-2003 (.doc, and WPS 文字 files in that format): the text from the piece table, tables from marks.

LibreOffice's own .doc import (7.4) drops table structure from .doc files — even from files it wrote —
and gives the cells as one run-on paragraph, so a .doc is read here directly: the WordDocument stream's
text is found through the piece table (the Clx in the table stream), paragraphs end with CR and table
cells with 0x07. The row-end mark is a 0x07 too, following the last cell's; with nothing else in the
text to tell an empty cell from a row end, a row ends once it has as many cells as the table's first
row, or after a single cell (a heading merged across the row). Cells merged down are empty below
their first row. Fields keep their shown result; their codes are dropped.
"""

from __future__ import annotations

import io
import struct

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item

_CELL, _PARA, _ROW_ENDS = "\x07", "\r", "\x07"
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
_IDENT = 0xA5EC
_DROPPED = dict.fromkeys(map(ord, "\x01\x02\x05\x08\x0c\x0e\x1e\x1f"), None) | {
    0x0B: "\n",  # a manual line break inside a paragraph
    0x09: "\t",
}


def read(data: bytes) -> Grid | None:
    """The grid of a Word 97-2003 file, or None when it is not one (an older Word, WPS's own format)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                return None
            word = ole.openstream("WordDocument").read()
            text = _main_text(ole, word)
    except (OSError, ValueError, struct.error, IndexError, KeyError):
        return None
    if text is None:
        return None
    return Grid(tuple(_items(_without_field_codes(text))))


def _main_text(ole: object, word: bytes) -> str | None:
    ident, flags = struct.unpack_from("<H8xH", word, 0)
    if ident != _IDENT or len(word) < 0x1AA:
        return None
    if flags & 0x0100:
        fail("Word 文件已加密", "the .doc is password-protected; remove the password and save it again")
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):  # type: ignore[attr-defined]
        return None
    table = ole.openstream(table_name).read()  # type: ignore[attr-defined]
    (length,) = struct.unpack_from("<i", word, 0x4C)  # ccpText: characters of the main document
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x1A2)
    clx = table[fc_clx : fc_clx + lcb_clx]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<H", clx, at + 1)
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        return None
    (lcb,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + lcb]
    pieces = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{pieces + 1}I", plc, 0)
    parts: list[str] = []
    for i in range(pieces):
        (fc,) = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * i + 2)
        count = cps[i + 1] - cps[i]
        if fc & 0x40000000:  # 8-bit text (cp1252) at half the offset
            start = (fc & 0x3FFFFFFF) // 2
            parts.append(word[start : start + count].decode("cp1252", "replace"))
        else:
            parts.append(word[fc : fc + 2 * count].decode("utf-16-le", "replace"))
    return "".join(parts)[: max(0, length)]


def _without_field_codes(text: str) -> str:
    """Drop each field's code (between its begin and separator marks), keeping what it shows."""
    out: list[str] = []
    hiding: list[bool] = []
    for ch in text:
        if ch == _FIELD_BEGIN:
            hiding.append(True)
        elif ch == _FIELD_SEP and hiding:
            hiding[-1] = False
        elif ch == _FIELD_END and hiding:
            hiding.pop()
        elif not any(hiding):
            out.append(ch)
    return "".join(out).translate(_DROPPED)


def _items(text: str) -> list[Item]:
    items: list[Item] = []
    row: list[str] = []
    width = 0  # cells in the current table's first row; 0 outside a table
    cell: list[str] = []
    for paragraph in _split_keep(text):
        if paragraph.endswith(_CELL):
            body = paragraph[:-1]
            if not body and not cell and row and (len(row) == width or len(row) == 1 or not width):
                width = width or len(row)  # a row-end mark
                items.append(tuple(row) + ("",) * max(0, width - len(row)))
                row = []
                continue
            cell.append(body)
            row.append("\n".join(cell))
            cell = []
        elif row or cell:
            cell.append(paragraph)
        else:
            width = 0  # a paragraph between tables
            items.append(paragraph)
    if row:
        items.append(tuple(row))
    return items


def _split_keep(text: str) -> list[str]:
    """Paragraphs, each ending with its mark: CR (dropped) or a cell mark 0x07 (kept)."""
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == _PARA:
            parts.append(text[start:i])
            start = i + 1
        elif ch == _CELL:
            parts.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return parts
