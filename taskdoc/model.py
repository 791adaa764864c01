"""The frozen result types of taskdoc. Shared by the table pipeline and the indicator extractor."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

IndicatorKind = Literal[
    "growth_rate", "decline_rate", "annual_avg_growth", "level", "multiple", "qualitative"
]
Comparator = Literal[">=", "<=", "=", "~"]
# "group": a column naming the key work that several task rows share (重点工作 beside 具体任务);
# its value opens a section over those rows.
ColumnRole = Literal["seq", "text", "group", "lead_units", "co_units", "leaders", "deadline"]


@dataclass(frozen=True)
class Indicator:
    """A quantitative (or qualitative) target inside a task sentence."""

    name: str
    kind: IndicatorKind
    comparator: Comparator
    value: float | None
    unit: str | None
    target_year: int
    span: str


@dataclass(frozen=True)
class RowIssue:
    """A problem found on one row (or on the document when seq is None), reported as data: a code
    (see taskdoc.issues.ISSUE_TEXT), the field it concerns and the code's parameters."""

    seq: int | None
    field: str
    code: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def message(self) -> str:
        """The issue in plain English (what the gold files and the command line show)."""
        from taskdoc.issues import render

        return render(self.code, self.params)


@dataclass(frozen=True)
class DocumentInfo:
    issuer: str | None = None
    doc_number: str | None = None
    title: str | None = None
    date: date | None = None
    year: int | None = None
    region: str | None = None


@dataclass(frozen=True)
class ParsedTask:
    seq: int
    section: tuple[str, ...]
    text: str
    lead_units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadline: str | None = None
    issues: tuple[RowIssue, ...] = ()
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class ParsedPlan:
    document: DocumentInfo
    columns: tuple[str, ...]
    column_roles: dict[str, ColumnRole] = field(default_factory=dict)
    tasks: tuple[ParsedTask, ...] = ()
    issues: tuple[RowIssue, ...] = ()


class TaskdocError(Exception):
    """A file taskdoc cannot read at all: a code (see taskdoc.errors.REASONS) and its parameters.

    str() gives one line, Chinese then English in parentheses, saying why and what to do."""

    def __init__(self, code: str, params: dict[str, str] | None = None) -> None:
        self.code = code
        self.params = dict(params or {})
        from taskdoc.errors import describe

        super().__init__(describe(code, self.params))
