"""A lead unit suggested for a new task from earlier plans of any region."""

from __future__ import annotations

import json
from pathlib import Path

from taskdoc.suggest import learn
from taskdoc.unitnames import same_unit

GOLD = Path(__file__).parents[1] / "data" / "gold"


def _rows(stem: str) -> list[tuple[str, list[str]]]:
    data = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return [(t["text"], t["lead_units"]) for t in data["tasks"] if t["lead_units"]]


def test_a_unit_learned_in_one_region_is_suggested_by_its_local_name() -> None:
    suggester = learn(
        [("新建中小学校3所，新增学位2000个。", ["区教育局"]), ("新增城镇就业2700人。", ["区人社局"])]
    )
    offered = suggester.suggest("新建幼儿园2所。", units=["县教育局", "县人力资源和社会保障局"])
    assert offered[0] == "县教育局"
    assert "县人力资源和社会保障局" in suggester.suggest(
        "新增城镇就业1000人以上。", units=["县人力资源和社会保障局"]
    )


def test_learning_from_one_seed_finds_the_lead_of_half_the_other_seeds_rows_in_three() -> None:
    """The figure in docs/benchmarks.md: top-3 accuracy learning from 泉港区, tested on 鲤城区."""
    suggester = learn(_rows("000_c0ca6c59d42007b8"))
    cases = _rows("001_31585e46d2ea987c")
    hits = sum(
        any(same_unit(o, lead) for o in suggester.suggest(text, limit=3) for lead in leads)
        for text, leads in cases
    )
    assert hits / len(cases) >= 0.5


def test_nothing_learned_suggests_nothing() -> None:
    assert learn([]).suggest("新建幼儿园2所。") == []
