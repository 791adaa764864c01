"""The sample corpus: every file in should_parse/ parses to its .expected.json; should_fail/ files are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import taskdoc
from taskdoc.jsonout import plan_to_dict

CORPUS = Path(__file__).parent / "corpus"


def _samples(folder: str) -> list[Path]:
    return sorted(p for p in (CORPUS / folder).iterdir() if not p.name.endswith(".expected.json"))


def _expected(sample: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        sample.with_name(sample.stem + ".expected.json").read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize("sample", _samples("should_parse"), ids=lambda p: p.name)
def test_sample_parses_to_its_expected_json(sample: Path) -> None:
    parsed = plan_to_dict(taskdoc.read(sample))
    for task in parsed["tasks"]:
        task.pop("indicators")
    expected = _expected(sample)
    assert parsed["document"] == expected["document"]
    assert (parsed["columns"], parsed["column_roles"]) == (expected["columns"], expected["column_roles"])
    assert parsed["tasks"] == expected["tasks"]


@pytest.mark.parametrize("sample", _samples("should_fail"), ids=lambda p: p.name)
def test_sample_is_refused_with_a_reason(sample: Path) -> None:
    with pytest.raises(taskdoc.TaskdocError) as refused:
        taskdoc.read(sample)
    message = str(refused.value)
    assert _expected(sample)["error"] in message
    assert "\n" not in message
    assert "(" in message
