"""Rows built from cells read with low confidence (OCR) get an issue naming the cell, for the office to
check against the paper. Matched by text, after the pipeline has placed the cells in rows and fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from taskdoc.codes import OCR_LOW_CONFIDENCE, OCR_USED, row_issue
from taskdoc.model import ParsedPlan, ParsedTask, RowIssue

_SHOWN = 30  # characters of the cell quoted in the issue
_LEAST = 4  # a shorter cell found inside a field could be anywhere


def mark_doubtful(plan: ParsedPlan, doubtful: Sequence[tuple[str, int]]) -> ParsedPlan:
    cells = [(_squash(text), text, confidence) for text, confidence in doubtful if _squash(text)]
    issues: list[RowIssue] = [row_issue(None, "document", OCR_USED)]
    tasks = []
    for task in plan.tasks:
        found = _task_issues(task, cells)
        issues.extend(found)
        tasks.append(replace(task, issues=(*task.issues, *found)) if found else task)
    return replace(plan, tasks=tuple(tasks), issues=(*plan.issues, *issues))


def _task_issues(task: ParsedTask, cells: Sequence[tuple[str, str, int]]) -> list[RowIssue]:
    fields = {
        "text": task.text,
        "lead_units": "".join(task.lead_units),
        "co_units": "".join(task.co_units),
        "leaders": "".join(task.leaders),
        "deadline": task.deadline or "",
    }
    found = []
    for name, value in fields.items():
        squashed = _squash(value)
        if not squashed:
            continue
        for key, text, confidence in cells:
            if _same_cell(key, squashed):
                cell = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
                found.append(row_issue(task.seq, name, OCR_LOW_CONFIDENCE, confidence=confidence, cell=cell))
                break
    return found


def _same_cell(cell: str, field: str) -> bool:
    """Whether the field was read from the cell: equal, the cell part of the field, or the field most
    of the cell (a seq number or a wrapped fragment aside)."""
    if cell == field:
        return True
    if len(cell) >= _LEAST and cell in field:
        return True
    return len(field) >= _LEAST and field in cell and 2 * len(field) >= len(cell)


def _squash(text: str) -> str:
    return "".join(text.split())
