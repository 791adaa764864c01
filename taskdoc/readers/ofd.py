"""OFD (GB/T 33190, the state's layout format): text and ruling lines from positions, read as a PDF page.

An OFD is a zip of XML: OFD.xml names each document's root (DocBody/DocRoot); its Document.xml lists
the pages (Pages/Page@BaseLoc); each page's Content.xml holds layers of TextObjects (a Boundary box,
a font Size, TextCodes with X/Y of the baseline and DeltaX between characters) and PathObjects (lines
as AbbreviatedData 'M x y L x y …'), all in millimetres from the page's top left. Characters and the
straight segments of paths become a placed page that the PDF reader's table logic reads.

The zip passed the bomb checks (member sizes, ratio, no DTD or entity anywhere in any XML part) in
open_zip before anything here is parsed; the XML is parsed with the standard library, which does
not fetch anything from outside.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from typing import Any

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item, has_text
from taskdoc.limits import MAX_PDF_PAGES
from taskdoc.readers.placed import PlacedPage, edge
from taskdoc.source import open_zip, read_member

_NS = "{http://www.ofdspec.org/2016}"
_MM = 72 / 25.4  # points per millimetre
_A4 = (210.0, 297.0)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_STRAIGHT = 0.3  # mm: a segment this close to level or plumb is a rule


def read(data: bytes) -> Grid:
    from taskdoc.readers.pdf import _Carry, _page_items

    items: list[Item] = []
    with open_zip(data) as archive:
        carry = _Carry()
        for page in _pages(archive):
            items.extend(_page_items(page, carry))
        items.extend(carry.flush())
    if not any(has_text(i) for i in items):
        fail("OFD 文件中没有文字", "the OFD holds no text (a scan?); upload the Word/Excel original")
    return Grid(tuple(items))


def _xml(archive: zipfile.ZipFile, name: str) -> ET.Element:
    name = name.lstrip("/")
    actual = next((n for n in archive.namelist() if n.lower() == name.lower()), name)
    try:
        return ET.fromstring(read_member(archive, actual))
    except (ET.ParseError, LookupError):  # LookupError: an encoding name Python does not know
        fail("OFD 文件已损坏", f"the OFD part {name} is not well-formed XML; export the OFD again")


def _pages(archive: zipfile.ZipFile) -> Iterator[PlacedPage]:
    root = _xml(archive, "OFD.xml")
    doc_root = root.findtext(f"{_NS}DocBody/{_NS}DocRoot")
    if not doc_root:
        fail("OFD 文件缺少文档入口", "the OFD has no DocBody/DocRoot; export the OFD again")
    document = _xml(archive, doc_root.strip())
    base = posixpath.dirname(doc_root.strip().lstrip("/"))
    size = _box(document.findtext(f"{_NS}CommonData/{_NS}PageArea/{_NS}PhysicalBox"), _A4)
    pages = document.findall(f"{_NS}Pages/{_NS}Page")
    if len(pages) > MAX_PDF_PAGES:
        fail("OFD 页数过多", f"the OFD has more than {MAX_PDF_PAGES} pages; upload the table alone")
    for page in pages:
        location = (page.get("BaseLoc") or "").strip()
        if not location:
            continue
        path = location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
        content = _xml(archive, posixpath.normpath(path))
        width, height = _box(content.findtext(f"{_NS}Area/{_NS}PhysicalBox"), size)
        chars: list[dict[str, Any]] = []
        edges: list[dict[str, Any]] = []
        for layer in content.iter(f"{_NS}Layer"):
            for node in layer.iter():
                if node.tag == f"{_NS}TextObject":
                    chars.extend(_text_chars(node))
                elif node.tag == f"{_NS}PathObject":
                    edges.extend(_path_edges(node))
        yield PlacedPage(width * _MM, height * _MM, chars, edges)


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _box(text: str | None, default: tuple[float, float]) -> tuple[float, float]:
    values = _numbers(text)
    return (values[2], values[3]) if len(values) == 4 and values[2] > 0 and values[3] > 0 else default


def _deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY with the 'g N d' shorthand (N times the step d) expanded."""
    out: list[float] = []
    parts = (text or "").split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            count = min(int(_numbers(parts[i + 1])[0]) if _numbers(parts[i + 1]) else 0, 10_000)
            out.extend([float(parts[i + 2])] * count)
            i += 3
            continue
        values = _numbers(parts[i])
        if values:
            out.append(values[0])
        i += 1
    return out


def _text_chars(node: ET.Element) -> Iterator[dict[str, Any]]:
    boundary = _numbers(node.get("Boundary"))
    if len(boundary) != 4:
        return
    left, top = boundary[0], boundary[1]
    size = (_numbers(node.get("Size")) or [3.5])[0]
    for code in node.findall(f"{_NS}TextCode"):
        text = code.text or ""
        x = left + (_numbers(code.get("X")) or [0.0])[0]
        baseline = top + (_numbers(code.get("Y")) or [size])[0]
        steps = _deltas(code.get("DeltaX"))
        for i, ch in enumerate(text):
            step = steps[i] if i < len(steps) else size
            yield {
                "text": ch,
                "x0": x * _MM,
                "x1": (x + min(step, size)) * _MM,
                "top": (baseline - 0.85 * size) * _MM,
                "bottom": (baseline + 0.15 * size) * _MM,
                "size": size * _MM,
            }
            x += step


def _path_edges(node: ET.Element) -> Iterator[dict[str, Any]]:
    """The level and plumb straight segments of a path: the table's rules."""
    boundary = _numbers(node.get("Boundary"))
    if len(boundary) != 4:
        return
    left, top = boundary[0], boundary[1]
    tokens = re.findall(r"[A-Za-z]|" + _NUMBER.pattern, node.findtext(f"{_NS}AbbreviatedData") or "")
    start = point = None
    i = 0
    while i < len(tokens):
        command = tokens[i]
        if command in ("M", "L") and i + 2 < len(tokens) and not _is_command(tokens[i + 1], tokens[i + 2]):
            nxt = (left + float(tokens[i + 1]), top + float(tokens[i + 2]))
            if command == "L" and point is not None:
                yield from _segment(point, nxt)
            if command == "M":
                start = nxt
            point = nxt
            i += 3
        elif command in ("C", "Z") and point is not None and start is not None:
            yield from _segment(point, start)
            point = start
            i += 1
        else:
            i += 1


def _is_command(*tokens: str) -> bool:
    """Whether a token that should be a coordinate is a path command (a damaged path: M L 10 …)."""
    return any(token.isalpha() for token in tokens)


def _segment(a: tuple[float, float], b: tuple[float, float]) -> Iterator[dict[str, Any]]:
    if abs(a[1] - b[1]) <= _STRAIGHT or abs(a[0] - b[0]) <= _STRAIGHT:
        yield edge(a[0] * _MM, a[1] * _MM, b[0] * _MM, b[1] * _MM)
