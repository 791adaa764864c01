"""The two real 2026 tables parse exactly as the hand-checked gold files say."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import taskdoc
from taskdoc.jsonout import plan_to_dict

DATA = Path(__file__).parents[1] / "data"
SEEDS = ["000_c0ca6c59d42007b8", "001_31585e46d2ea987c"]


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("gold_score", DATA / "gold" / "score.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(seed: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "gold" / f"{seed}.gold.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_scores_one_on_every_field(seed: str) -> None:
    parsed = plan_to_dict(taskdoc.read(DATA / "seeds" / f"{seed}.txt"))
    result = _scorer().score(_gold(seed)["tasks"], parsed["tasks"])
    assert result["scores"] == dict.fromkeys(result["scores"], 1.0), result["mismatches"]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_document_and_columns_equal_gold(seed: str) -> None:
    parsed = plan_to_dict(taskdoc.read(DATA / "seeds" / f"{seed}.txt"))
    gold = _gold(seed)
    assert parsed["document"] == gold["document"]
    assert parsed["columns"] == gold["columns"]
    assert parsed["column_roles"] == gold["column_roles"]


def test_lost_row_numbers_are_inferred_and_reported() -> None:
    plan = taskdoc.read(DATA / "seeds" / "001_31585e46d2ea987c.txt")
    missing = [t.seq for t in plan.tasks if any(i.code == "seq_missing" for i in t.issues)]
    assert missing == [58, 60, 68, 70, 71, 72, 73, 75, 79, 80, 81, 82]
    assert any(i.seq == 71 and i.field == "lead_units" and i.code == "cell_empty" for i in plan.issues)


def test_empty_co_unit_cells_are_reported_not_dropped() -> None:
    plan = taskdoc.read(DATA / "seeds" / "000_c0ca6c59d42007b8.txt")
    empty = [
        t.seq
        for t in plan.tasks
        if any(i.code == "cell_empty" and i.params == {"field": "co_units"} for i in t.issues)
    ]
    assert empty == [58, 62, 74, 76, 82, 86, 87, 95]
