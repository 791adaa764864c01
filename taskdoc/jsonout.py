"""ParsedPlan → JSON-ready dicts in the schema of tests/data/gold/README.md (plus indicators)."""

from __future__ import annotations

from typing import Any

from taskdoc.model import DocumentInfo, Indicator, ParsedPlan, ParsedTask, RowIssue


def plan_to_dict(plan: ParsedPlan) -> dict[str, Any]:
    return {
        "document": document_to_dict(plan.document),
        "columns": list(plan.columns),
        "column_roles": dict(plan.column_roles),
        "tasks": [task_to_dict(t) for t in plan.tasks],
        "issues": [issue_to_dict(i) for i in plan.issues],
    }


def document_to_dict(doc: DocumentInfo) -> dict[str, Any]:
    return {
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.year,
        "region": doc.region,
    }


def task_to_dict(task: ParsedTask) -> dict[str, Any]:
    return {
        "seq": task.seq,
        "section": list(task.section),
        "text": task.text,
        "lead_units": list(task.lead_units),
        "co_units": list(task.co_units),
        "leaders": list(task.leaders),
        "deadline": task.deadline,
        "issues": [issue.message for issue in task.issues],
        "indicators": [indicator_to_dict(i) for i in task.indicators],
    }


def indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    value: float | int | None = indicator.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return {
        "name": indicator.name,
        "kind": indicator.kind,
        "comparator": indicator.comparator,
        "value": value,
        "unit": indicator.unit,
        "target_year": indicator.target_year,
        "span": indicator.span,
    }


def issue_to_dict(issue: RowIssue) -> dict[str, Any]:
    return {
        "seq": issue.seq,
        "field": issue.field,
        "code": issue.code,
        "params": dict(issue.params),
        "message": issue.message,
    }
