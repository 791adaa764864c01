"""Predict the indicators of both gold documents with taskdoc.indicators and score them.

    .venv/bin/python bench/score_indicators_run.py [--verbose] [--out DIR]

The prediction is built from the gold task texts and sections only (tests/data/gold/*.gold.json):
each task's default target year comes from target_year_for_section(section, plan_year). The
predictions are written to DIR (default: a temporary directory) and scored with
tests/data/gold/score_indicators.py, one seed at a time and then both together.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
SCORER = GOLD / "score_indicators.py"
SEEDS = ("000_c0ca6c59d42007b8", "001_31585e46d2ea987c")

sys.path.insert(0, str(ROOT))

from taskdoc.indicators import indicators, target_year_for_section  # noqa: E402


def predict(gold_tasks: dict[str, Any]) -> dict[str, Any]:
    """The prediction file for one gold task table."""
    plan_year = int(gold_tasks["document"]["year"])
    tasks = []
    for task in gold_tasks["tasks"]:
        default = target_year_for_section(tuple(task["section"]), plan_year)
        found = indicators(task["text"], plan_year=plan_year, default_target_year=default)
        tasks.append({"seq": task["seq"], "indicators": [asdict(i) for i in found]})
    return {"source": gold_tasks["source"], "plan_year": plan_year, "tasks": tasks}


def write_predictions(out: Path) -> list[tuple[Path, Path]]:
    """Write one prediction file per seed; return the (gold, prediction) pairs."""
    pairs = []
    for seed in SEEDS:
        gold_tasks = json.loads((GOLD / f"{seed}.gold.json").read_text(encoding="utf-8"))
        prediction = out / f"{seed}.indicators.pred.json"
        prediction.write_text(json.dumps(predict(gold_tasks), ensure_ascii=False, indent=1), encoding="utf-8")
        pairs.append((GOLD / f"{seed}.indicators.json", prediction))
    return pairs


def score(pairs: list[tuple[Path, Path]], *extra: str) -> subprocess.CompletedProcess[str]:
    files = [str(p) for pair in pairs for p in pair]
    return subprocess.run(
        [sys.executable, str(SCORER), *files, *extra], capture_output=True, text=True, check=False
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", action="store_true", help="list misses, spurious indicators and differences"
    )
    parser.add_argument("--out", type=Path, help="keep the prediction files in this directory")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="indicators_"))
    out.mkdir(parents=True, exist_ok=True)
    pairs = write_predictions(out)
    extra = ("--verbose",) if args.verbose else ()
    worst = 0
    for label, chosen in [
        *((seed, [pair]) for seed, pair in zip(SEEDS, pairs, strict=True)),
        ("both", pairs),
    ]:
        result = score(chosen, *extra)
        print(f"== {label}\n{result.stdout}{result.stderr}")
        worst = max(worst, result.returncode)
    print(f"predictions in {out}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
