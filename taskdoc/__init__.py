"""taskdoc: read a government's target-task decomposition table (分解表) as it was issued.

    plan = taskdoc.read("分解表.docx")
    plan.tasks[6].lead_units   # ('园区经发科', '园区环安科', …)
    plan.issues                # (RowIssue(seq=71, field='lead_units', code='cell_empty', params={'field': 'lead_units'}), …)

    plan = taskdoc.read_isolated(upload_bytes, filename="分解表.pdf")   # in a limited worker process

A pure library: no Django, nothing of the project's. Readers for .txt, .docx, .xlsx, .pdf (scans by
OCR), .ofd, and through LibreOffice .doc/.wps/.rtf/.xls/.et are imported only when a file of their
format is read. Read files from outside with read_isolated: a hostile file cannot exhaust the caller.
"""

from __future__ import annotations

from pathlib import Path

from taskdoc.indicators import expected, indicators
from taskdoc.isolation import Limits, read_isolated
from taskdoc.model import (
    DocumentInfo,
    Indicator,
    ParsedPlan,
    ParsedTask,
    RowIssue,
    TaskdocError,
)

__all__ = [
    "DocumentInfo",
    "Indicator",
    "Limits",
    "ParsedPlan",
    "ParsedTask",
    "RowIssue",
    "TaskdocError",
    "expected",
    "indicators",
    "read",
    "read_isolated",
]


def read(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> ParsedPlan:
    """Parse a decomposition table from a path or bytes (`filename` hints the format of bytes).

    Raises TaskdocError, with a message saying why and what to do, for a file that cannot be read at
    all; every problem of a single row comes back as an issue on that row instead.
    """
    from taskdoc.doubt import mark_doubtful
    from taskdoc.pipeline import parse_grid
    from taskdoc.readers import read_grid
    from taskdoc.source import load, sniff

    data, name = load(source, filename)
    fmt = sniff(data, name)
    try:
        grid = read_grid(data, fmt)
        plan = parse_grid(grid, region=region, year=year)
        return mark_doubtful(plan, grid.doubtful) if grid.doubtful else plan
    except TaskdocError:
        raise
    except RecursionError as error:
        raise TaskdocError("too_deep") from error
    except MemoryError as error:
        raise TaskdocError("out_of_memory") from error
