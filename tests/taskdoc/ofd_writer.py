"""A small OFD writer (GB/T 33190 structure) that lays a gold table out as an issuing office's OFD would.

OFD.xml → Doc_0/Document.xml → Doc_0/Pages/Page_N/Content.xml. Each cell's text is set in lines of
TextObjects (one TextCode per line, X/Y of the baseline, DeltaX between characters), wrapped where the
next character would pass the cell's inner edge; each unit of a unit cell starts a new line. Rules are
PathObjects ('M x y L x y'). A section heading is a row merged across the table; the header row is
repeated on every page; a row never splits over a page break. Units: millimetres, A4 pages.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 20.0
SIZE = 3.7  # about 10.5 pt
LINE = 5.4
PAD = 1.5
WIDTHS = {"seq": 12.0, "text": 84.0, "lead_units": 38.0, "co_units": 36.0, "leaders": 30.0, "deadline": 30.0}
FIELD = {
    "seq": "seq",
    "text": "text",
    "lead_units": "lead_units",
    "co_units": "co_units",
    "leaders": "leaders",
}


def advance(ch: str) -> float:
    return SIZE if ord(ch) >= 0x2E80 or 0x2010 <= ord(ch) <= 0x206F else SIZE * 0.5


def wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for ch in paragraph:
            if line and used + advance(ch) > width:
                lines.append(line)
                line, used = "", 0.0
            line += ch
            used += advance(ch)
        lines.append(line)
    return lines


def gold_rows(gold: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    roles = [gold["column_roles"][c] for c in gold["columns"]]
    current: list[str] = []
    for task in gold["tasks"]:
        section = task["section"]
        for depth, heading in enumerate(section):
            if depth >= len(current) or current[depth] != heading:
                yield "heading", [heading]
        current = list(section)
        cells = []
        for role in roles:
            value = task[FIELD[role]]
            cells.append("\n".join(value) if isinstance(value, list) else str(value))
        yield "task", cells


class _Page:
    def __init__(self) -> None:
        self.objects: list[str] = []
        self.next_id = 1

    def text(self, x: float, y: float, line: str) -> None:
        if not line:
            return
        deltas = " ".join(f"{advance(ch):g}" for ch in line[:-1])
        width = sum(advance(ch) for ch in line)
        self.objects.append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:.3f} {y:.3f} {width:.3f} {LINE:.3f}" '
            f'Font="1" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE * 0.88:.3f}"'
            + (f' DeltaX="{deltas}"' if deltas else "")
            + f">{escape(line)}</ofd:TextCode></ofd:TextObject>"
        )

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        left, top = min(x0, x1), min(y0, y1)
        self.objects.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{left:.3f} {top:.3f} {abs(x1 - x0) + 0.2:.3f} '
            f'{abs(y1 - y0) + 0.2:.3f}" LineWidth="0.2"><ofd:AbbreviatedData>'
            f"M {x0 - left:.3f} {y0 - top:.3f} L {x1 - left:.3f} {y1 - top:.3f}"
            "</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def xml(self) -> str:
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
            f'<ofd:Layer ID="1">{"".join(self.objects)}</ofd:Layer></ofd:Content></ofd:Page>'
        )


def layout(gold: dict[str, Any]) -> list[_Page]:
    roles = [gold["column_roles"][c] for c in gold["columns"]]
    widths = [WIDTHS.get(role, 30.0) for role in roles]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    pages: list[_Page] = []
    page, y = _Page(), MARGIN
    title = gold["document"].get("title") or "目标任务责任分解表"
    for line in wrap(title, xs[-1] - MARGIN):
        page.text(MARGIN, y, line)
        y += LINE
    y += LINE
    header = list(gold["columns"])
    rows = list(gold_rows(gold))

    def place(kind: str, cells: Sequence[str]) -> None:
        nonlocal page, y
        spans = [(xs[0], xs[-1])] if kind == "heading" else list(zip(xs, xs[1:], strict=False))
        wrapped = [
            wrap(text, right - left - 2 * PAD) for text, (left, right) in zip(cells, spans, strict=True)
        ]
        height = max(len(w) for w in wrapped) * LINE + 2 * PAD
        if y + height > PAGE_H - MARGIN:
            pages.append(page)
            page, y = _Page(), MARGIN
            place("task", header)
        page.rule(xs[0], y, xs[-1], y)
        page.rule(xs[0], y + height, xs[-1], y + height)
        for left, right in spans:
            page.rule(left, y, left, y + height)
            page.rule(right, y, right, y + height)
        for lines, (left, _) in zip(wrapped, spans, strict=True):
            for n, line in enumerate(lines):
                page.text(left + PAD, y + PAD + n * LINE, line)
        y += height

    place("task", header)
    for kind, cells in rows:
        place(kind, cells)
    pages.append(page)
    return pages


def to_ofd(gold: dict[str, Any]) -> bytes:
    pages = layout(gold)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>duban-test</ofd:DocID>"
            f"<ofd:Title>{escape(gold['document'].get('title') or '')}</ofd:Title></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        listing = "".join(
            f'<ofd:Page ID="{n + 100}" BaseLoc={quoteattr(f"Pages/Page_{n}/Content.xml")}/>'
            for n in range(len(pages))
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>{10_000}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}"
            "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{listing}</ofd:Pages></ofd:Document>",
        )
        archive.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        )
        for n, page in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", page.xml())
    return out.getvalue()
