"""A page of placed characters and ruling lines, read by the PDF reader's table logic.

OCR and OFD both end with characters at positions and rules between cells; this gives them what
taskdoc.readers.pdf asks of a pdfplumber page (chars, edges, find_tables, extract_text_lines), so a
wrapped cell, a merged cell, a row cut by a page break and a repeated header are read the same way
in every format. Coordinates are in points from the page's top left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PlacedPage:
    width: float
    height: float
    chars: list[dict[str, Any]]  # text, x0, x1, top, bottom, size (and whatever a reader adds)
    edges: list[dict[str, Any]]  # x0, x1, top, bottom, width, height, orientation 'h'/'v'
    _tables: list[Any] | None = field(default=None, repr=False)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    def find_tables(self) -> list[Any]:
        if self._tables is None:
            from pdfplumber.table import TableFinder

            self._tables = TableFinder(self, {}).tables  # type: ignore[arg-type]
        return self._tables

    def extract_text_lines(self, return_chars: bool = False) -> list[dict[str, Any]]:
        """The page's text as lines (as pdfplumber gives them: text, top, bottom), top to bottom."""
        from taskdoc.readers.pdf import _line

        out = []
        for band in _bands(self.chars):
            line = _line(sorted(band, key=lambda c: c["x0"]))
            if line is not None:
                top, bottom = min(c["top"] for c in band), max(c["bottom"] for c in band)
                out.append({"text": line.text, "top": top, "bottom": bottom, "x0": line.x0})
        return out


def edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    """A ruling line as pdfplumber's edge: horizontal when wider than tall."""
    x0, x1 = min(x0, x1), max(x0, x1)
    top, bottom = min(top, bottom), max(top, bottom)
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": "h" if x1 - x0 >= bottom - top else "v",
        "object_type": "line",
    }


def _bands(chars: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    bands: list[list[dict[str, Any]]] = []
    middle = 0.0
    for char in sorted(chars, key=_mid):
        if bands and _mid(char) - middle <= 0.5 * char["size"]:
            bands[-1].append(char)
        else:
            bands.append([char])
            middle = _mid(char)
    return bands


def _mid(char: dict[str, Any]) -> float:
    return (char["top"] + char["bottom"]) / 2  # type: ignore[no-any-return]
