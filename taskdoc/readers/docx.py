"""Word (.docx): paragraphs and tables in body order, merged cells filled in.

Read straight from the package XML (after the zip-bomb check) rather than through python-docx's object
model, which resolves merged cells row by row and is quadratic on a table of thousands of rows.
A vertically merged cell gives its text to every row it spans; a horizontally merged cell to every
column it spans (a heading row then holds one value only).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item
from taskdoc.source import open_zip, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_TAB, _BR, _CR, _SDT = f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}sdt"
_VAL = f"{_W}val"


def read(data: bytes) -> Grid:
    with open_zip(data) as archive:
        xml = read_member(archive, "word/document.xml")
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:4096]:
        fail(
            "文件含有不安全的内容",
            "the document declares XML entities, which Word never writes; it was not opened",
        )
    try:
        # entity declarations are refused above, ElementTree never fetches external entities, and expat
        # (>= 2.4.1) bounds entity amplification: nothing defusedxml would add for this input
        root = ET.fromstring(xml)
    except (ET.ParseError, LookupError):  # LookupError: an encoding name Python does not know
        fail("Word 文件已损坏", "the .docx document XML is damaged; open and save it again in Word")
    body = root.find(f"{_W}body")
    if body is None:
        fail("Word 文件没有正文", "the .docx has no body; open and save it again in Word")
    return Grid(tuple(_blocks(body)))


def _blocks(parent: ET.Element) -> Iterator[Item]:
    for child in parent:
        if child.tag == _P:
            yield _paragraph_text(child)
        elif child.tag == _TBL:
            yield from _table_rows(child)
        elif child.tag == _SDT:  # content control wrapping paragraphs or tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(paragraph: ET.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == _T and node.text:
            parts.append(node.text)
        elif node.tag == _TAB:
            parts.append("\t")
        elif node.tag in (_BR, _CR):
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: ET.Element) -> str:
    return "\n".join(_paragraph_text(p) for p in cell.iter(_P))


def _table_rows(table: ET.Element) -> Iterator[tuple[str, ...]]:
    above: dict[int, str] = {}  # column → text of the vertical merge open there
    for row in table.findall(_TR):  # direct rows only: a table nested in a cell is read as its text
        cells: list[str] = [""] * _grid_before(row)
        for cell in row.findall(_TC):
            properties = cell.find(f"{_W}tcPr")
            span = _int_value(properties, "gridSpan", 1)
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            column = len(cells)
            if merge is not None and merge.get(_VAL, "continue") == "continue":
                text = above.get(column, "")
            else:
                text = _cell_text(cell)
                for k in range(column, column + span):
                    if merge is not None:
                        above[k] = text
                    else:
                        above.pop(k, None)
            cells.extend([text] * span)
        yield tuple(cells)


def _grid_before(row: ET.Element) -> int:
    return _int_value(row.find(f"{_W}trPr"), "gridBefore", 0)


def _int_value(properties: ET.Element | None, name: str, default: int) -> int:
    if properties is None:
        return default
    node = properties.find(f"{_W}{name}")
    try:
        return max(0, min(int(node.get(_VAL, default)), 64)) if node is not None else default
    except ValueError:
        return default
