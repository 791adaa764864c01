"""taskdoc: read a government's target-task decomposition table as it was issued (pure library)."""

from taskdoc.indicators import expected, indicators
from taskdoc.model import DocumentInfo, Indicator, ParsedPlan, ParsedTask, RowIssue, TaskdocError

__all__ = [
    "DocumentInfo",
    "Indicator",
    "ParsedPlan",
    "ParsedTask",
    "RowIssue",
    "TaskdocError",
    "expected",
    "indicators",
]
