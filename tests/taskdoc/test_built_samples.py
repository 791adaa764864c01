"""Word and Excel samples built as governments issue them parse to their hand-written expected JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from built_samples import BUILDERS

import taskdoc
from taskdoc.jsonout import plan_to_dict

EXPECTED = Path(__file__).parent / "corpus" / "built"


def test_every_builder_has_its_expected_json() -> None:
    assert sorted(p.name.removesuffix(".expected.json") for p in EXPECTED.iterdir()) == sorted(BUILDERS)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_built_sample_parses_to_its_expected_json(name: str) -> None:
    filename, build = BUILDERS[name]
    parsed = plan_to_dict(taskdoc.read(build(), filename=filename))
    for task in parsed["tasks"]:
        task.pop("indicators")
    expected = json.loads((EXPECTED / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert parsed["document"] == expected["document"]
    assert (parsed["columns"], parsed["column_roles"]) == (expected["columns"], expected["column_roles"])
    assert parsed["tasks"] == expected["tasks"]
