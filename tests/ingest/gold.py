"""Test scaffolding: the gold annotations as taskdoc would return them, and the seed files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from taskdoc.model import DocumentInfo, Indicator, ParsedPlan, ParsedTask, RowIssue

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"
QUANGANG = "000_c0ca6c59d42007b8"  # 泉港区, 110 rows, no leaders
LICHENG = "001_31585e46d2ea987c"  # 鲤城区, 84 rows, with leaders


def seed_path(stem: str) -> Path:
    return SEEDS / f"{stem}.txt"


def gold(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return data


def gold_indicators(stem: str) -> dict[int, list[dict[str, Any]]]:
    data = json.loads((GOLD / f"{stem}.indicators.json").read_text(encoding="utf-8"))
    return {int(t["seq"]): t["indicators"] for t in data["tasks"]}


def gold_plan(stem: str, *, edit: Any = None) -> ParsedPlan:
    """The gold rows as a ParsedPlan; `edit(tasks)` may change the list of task dicts first."""
    g = gold(stem)
    indicators = gold_indicators(stem)
    tasks = [dict(t, indicators=indicators.get(int(t["seq"]), [])) for t in g["tasks"]]
    if edit is not None:
        edit(tasks)
    doc = g["document"]
    return ParsedPlan(
        document=DocumentInfo(
            issuer=doc["issuer"],
            doc_number=doc["doc_number"],
            title=doc["title"],
            date=dt.date.fromisoformat(doc["date"]) if doc["date"] else None,
            year=doc["year"],
            region=doc["region"],
        ),
        columns=tuple(g["columns"]),
        column_roles=dict(g["column_roles"]),
        tasks=tuple(
            ParsedTask(
                seq=int(t["seq"]),
                section=tuple(t["section"]),
                text=t["text"],
                lead_units=tuple(t["lead_units"]),
                co_units=tuple(t["co_units"]),
                leaders=tuple(t["leaders"]),
                issues=tuple(t["issues"]),
                indicators=tuple(Indicator(**i) for i in t["indicators"]),
            )
            for t in tasks
        ),
        issues=tuple(RowIssue(int(t["seq"]), "row", i) for t in tasks for i in t["issues"]),
    )
