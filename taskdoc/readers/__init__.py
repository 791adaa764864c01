"""One reader per format; each turns bytes into the same Grid. Imported lazily: pdfplumber is heavy."""

from __future__ import annotations

import importlib

from taskdoc.grid import Grid
from taskdoc.source import Format

_MODULES: dict[Format, str] = {
    "text": "taskdoc.readers.text",
    "docx": "taskdoc.readers.docx",
    "xlsx": "taskdoc.readers.xlsx",
    "pdf": "taskdoc.readers.pdf",
}


def read_grid(data: bytes, fmt: Format) -> Grid:
    module = importlib.import_module(_MODULES[fmt])
    grid: Grid = module.read(data)
    return grid
