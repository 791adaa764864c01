"""The extractor against the two hand-checked documents, scored by the gold scorer itself."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from taskdoc.indicators import indicators, target_year_for_section

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
SEEDS = ("000_c0ca6c59d42007b8", "001_31585e46d2ea987c")


def predict(seed: str) -> dict[str, Any]:
    tasks = json.loads((GOLD / f"{seed}.gold.json").read_text(encoding="utf-8"))
    plan_year = tasks["document"]["year"]
    predicted = []
    for task in tasks["tasks"]:
        default = target_year_for_section(tuple(task["section"]), plan_year)
        found = indicators(task["text"], plan_year=plan_year, default_target_year=default)
        predicted.append({"seq": task["seq"], "indicators": [asdict(i) for i in found]})
    return {"source": tasks["source"], "plan_year": plan_year, "tasks": predicted}


def score(seed: str, tmp_path: Path) -> dict[str, Any]:
    prediction = tmp_path / f"{seed}.pred.json"
    prediction.write_text(json.dumps(predict(seed), ensure_ascii=False), encoding="utf-8")
    scorer = GOLD / "score_indicators.py"
    gold = GOLD / f"{seed}.indicators.json"
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(prediction), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize("seed", SEEDS)
def test_extractor_meets_the_thresholds_on_each_seed(seed, tmp_path):
    result = score(seed, tmp_path)
    agreement = result["matched_field_agreement"]
    assert result["f1"] >= 0.97, result
    assert agreement["comparator"] >= 0.95, agreement
    assert agreement["target_year"] >= 0.95, agreement


@pytest.mark.parametrize("seed", SEEDS)
def test_every_span_is_verbatim_in_its_task(seed):
    tasks = json.loads((GOLD / f"{seed}.gold.json").read_text(encoding="utf-8"))["tasks"]
    texts = {task["seq"]: task["text"] for task in tasks}
    for task in predict(seed)["tasks"]:
        assert all(found["span"] in texts[task["seq"]] for found in task["indicators"])
