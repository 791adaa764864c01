"""Top-3 accuracy of taskdoc.suggest: learn lead units from one seed's plan, suggest them for the other's.

    .venv/bin/python bench/suggest_units.py

A suggestion is right when one of the three names is the same unit as one of the row's lead units
(taskdoc.unitnames.same_unit). Prints one line per direction.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskdoc.suggest import learn  # noqa: E402
from taskdoc.unitnames import same_unit  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold"
SEEDS = ("000_c0ca6c59d42007b8", "001_31585e46d2ea987c")


def rows(stem: str) -> list[tuple[str, list[str]]]:
    data = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return [(t["text"], t["lead_units"]) for t in data["tasks"] if t["lead_units"]]


def top3(train: str, test: str) -> tuple[int, int]:
    suggester = learn(rows(train))
    local = sorted({u for _, leads in rows(test) for u in leads})
    hits = 0
    cases = rows(test)
    for text, leads in cases:
        offered = suggester.suggest(text, limit=3, units=local)
        hits += any(same_unit(o, lead) for o in offered for lead in leads)
    return hits, len(cases)


def main() -> None:
    for train, test in (SEEDS, SEEDS[::-1]):
        hits, total = top3(train, test)
        print(f"learn {train[:3]} → suggest {test[:3]}: top-3 {hits}/{total} = {hits / total:.3f}")


if __name__ == "__main__":
    main()
