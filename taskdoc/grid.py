"""The grid every reader produces: document-ordered free lines and rows of cells."""

from __future__ import annotations

from dataclasses import dataclass

Item = str | tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    """Free lines (str) and table rows (tuples of cells) in document order.

    When `stream` is true every row is a single cell and the row boundaries were lost in extraction
    (text copied out of a table with a tab before each cell); the pipeline finds them again.
    """

    items: tuple[Item, ...]
    stream: bool = False
    # cells read with low confidence (OCR), each (cell text, confidence 0-100): the rows they end up in
    # get an issue for the office to check against the paper
    doubtful: tuple[tuple[str, int], ...] = ()


def has_text(item: Item) -> bool:
    return any(cell.strip() for cell in item) if isinstance(item, tuple) else bool(item.strip())
