"""The parsed table as plain JSON (what a batch keeps), and the facts a task row implies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from taskdoc.deadlines import deadline_date, five_year_plan_end
from taskdoc.model import ParsedPlan


def plan_to_json(plan: ParsedPlan) -> dict[str, Any]:
    """ParsedPlan → the JSON a batch keeps (the schema of tests/data/gold/README.md, plus indicators)."""
    data = dataclasses.asdict(plan)
    document = data["document"]
    if isinstance(document.get("date"), dt.date):
        document["date"] = document["date"].isoformat()
    for task in data["tasks"]:
        task["section"] = list(task["section"])
        for key in ("lead_units", "co_units", "leaders"):
            task[key] = list(task[key])
        task["issues"] = [dict(i) for i in task["issues"]]
        task["indicators"] = [dict(i) for i in task["indicators"]]
    data["columns"] = list(data["columns"])
    data["issues"] = [dict(i) for i in data["issues"]]
    _number_in_reading_order_if_repeated(data["tasks"])
    return data


def _number_in_reading_order_if_repeated(tasks: list[dict[str, Any]]) -> None:
    """Tables that restart their numbering in each section give several rows one number; a task's number
    must be unique in its plan, so such a table is numbered in reading order and each row says so."""
    seqs = [task["seq"] for task in tasks]
    if len(set(seqs)) == len(seqs):
        return
    for position, task in enumerate(tasks, start=1):
        printed = task["seq"]
        task["seq"] = position
        task["issues"] = [i for i in task["issues"] if i.get("code") != "seq_repeated"]
        task["issues"].append(
            {
                "seq": position,
                "field": "seq",
                "code": "seq_renumbered",
                "params": {"printed": str(printed), "seq": str(position)},
            }
        )


def unit_names(rows: list[dict[str, Any]]) -> list[str]:
    """Every unit name the rows mention, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in rows:
        for name in [*row.get("lead_units", []), *row.get("co_units", [])]:
            seen.setdefault(name, None)
    return list(seen)


def leader_names(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for name in row.get("leaders", []):
            seen.setdefault(clean_person_name(name), None)
    return list(seen)


def clean_person_name(name: str) -> str:
    return re.sub(r"\s+", "", name)


def due_date_for(row: dict[str, Any], plan_year: int) -> dt.date:
    """The deadline a row states; else the end of its target year (2030 for 十五五 goals); else year end."""
    stated = _stated_deadline(row, plan_year)
    if stated is not None:
        return stated
    years = [int(i["target_year"]) for i in row.get("indicators", []) if i.get("target_year")]
    for title in row.get("section", []):
        end = five_year_plan_end(title)
        if end is not None and end > plan_year:
            years.append(end)
    return dt.date(max([plan_year, *years]), 12, 31)


def _stated_deadline(row: dict[str, Any], plan_year: int) -> dt.date | None:
    return deadline_date(row.get("deadline") or "", plan_year)


def indicator_key(ind: dict[str, Any]) -> tuple[Any, ...]:
    value = ind.get("value")
    return (
        ind.get("name"),
        ind.get("kind"),
        ind.get("comparator"),
        None if value is None else float(value),
        ind.get("unit"),
        ind.get("target_year"),
        ind.get("span") or "",
    )
