"""One reader per format; each turns bytes into the same Grid. Imported lazily: pdfplumber is heavy."""

from __future__ import annotations

import importlib

from taskdoc.grid import Grid
from taskdoc.source import Format

_READERS: dict[Format, tuple[str, str]] = {
    "text": ("taskdoc.readers.text", "read"),
    "docx": ("taskdoc.readers.docx", "read"),
    "xlsx": ("taskdoc.readers.xlsx", "read"),
    "pdf": ("taskdoc.readers.pdf", "read"),
    "ofd": ("taskdoc.readers.ofd", "read"),
    "word": ("taskdoc.readers.office", "read_word"),
    "sheet": ("taskdoc.readers.office", "read_sheet"),
}


def read_grid(data: bytes, fmt: Format) -> Grid:
    module, function = _READERS[fmt]
    grid: Grid = getattr(importlib.import_module(module), function)(data)
    return grid
