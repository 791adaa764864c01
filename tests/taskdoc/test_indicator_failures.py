"""No fallback hides an indicator failure: a sentence the extractor cannot read becomes an issue on its row,
said in Chinese where the office reads it; the extractor is part of taskdoc, never optionally missing."""

from __future__ import annotations

from typing import Any

import pytest
from built_samples import BUILDERS

import taskdoc
from taskdoc import pipeline
from taskdoc.indicators import indicators as real_extractor


def _read_with_failing_extractor(monkeypatch: pytest.MonkeyPatch, failing_seq: int) -> Any:
    real = real_extractor
    calls = {"n": 0}

    def flaky(text: str, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == failing_seq:
            raise ValueError("unexpected numeral")
        return real(text, **kwargs)

    monkeypatch.setattr(pipeline, "extract_indicators", flaky)
    filename, build = BUILDERS["county_notice_docx"]
    return taskdoc.read(build(), filename=filename)


def test_a_sentence_the_extractor_cannot_read_is_an_issue_on_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _read_with_failing_extractor(monkeypatch, failing_seq=2)
    failed = [i for i in plan.issues if i.code == "indicators_failed"]
    second = plan.tasks[1]
    assert [(i.seq, i.field, i.params["why"]) for i in failed] == [
        (second.seq, "indicators", "ValueError: unexpected numeral")
    ]
    assert second.indicators == ()
    assert len(plan.tasks) > 2  # the rest of the table is read


@pytest.mark.django_db
def test_the_office_reads_the_failure_in_chinese() -> None:
    from django.utils import translation

    from targets.issues import describe_issue

    with translation.override("zh-hans"):
        said = describe_issue(
            {"code": "indicators_failed", "params": {"why": "ValueError: unexpected numeral"}}
        )
    assert said == "未能读取该任务中的指标：ValueError: unexpected numeral"


def test_the_pipeline_uses_taskdocs_own_extractor_without_an_optional_import() -> None:
    assert vars(pipeline)["extract_indicators"] is real_extractor
    assert not hasattr(pipeline, "_indicator_module")
