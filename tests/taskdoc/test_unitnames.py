"""One unit under many printed names: the normaliser the import uses to map names to units."""

from __future__ import annotations

import pytest

from taskdoc.unitnames import (
    group_member_kinds,
    is_group_phrase,
    match_unit,
    parent_unit_name,
    same_unit,
    unit_kind,
)


@pytest.mark.parametrize(
    ("printed", "known"),
    [
        ("区发改局", "发改局"),
        ("区发展和改革局", "区发改局"),
        ("县人力资源和社会保障局", "人社局"),
        ("市住房和城乡建设局", "住建局"),
        ("區發改局", "发改局"),  # Traditional script
        ("区卫生健康局", "区卫健局"),
        ("区市场监督管理局", "市场监管局"),
        ("区委政法委员会", "区委政法委"),
        ("各镇(街道)", "各镇（街道）"),
        ("区 发改局", "区发改局"),
    ],
)
def test_names_of_one_unit_are_the_same_unit(printed: str, known: str) -> None:
    assert same_unit(printed, known)


@pytest.mark.parametrize(
    ("printed", "known"),
    [
        ("区发改局", "区财政局"),
        ("区财政局（国资办）", "区财政局"),
        ("区工信局", "区商务局"),
        ("区教育局", "区体育局"),
    ],
)
def test_different_units_stay_apart(printed: str, known: str) -> None:
    assert not same_unit(printed, known)


def test_a_sure_match_is_confident_and_a_doubtful_one_is_only_offered() -> None:
    sure = match_unit("区工信局", ["工信局", "区发改局", "区财政局"])
    assert sure[0].name == "工信局"
    assert sure[0].confident
    doubtful = match_unit("区统计局", ["区发改局", "区财政局"])
    assert doubtful
    assert not any(m.confident for m in doubtful)


def test_an_office_is_not_taken_for_its_parent() -> None:
    """区财政局（国资办） is offered 区财政局, never mapped to it without asking."""
    offered = match_unit("区财政局（国资办）", ["区财政局", "区发改局"])
    assert offered[0].name == "区财政局"
    assert not offered[0].confident


def test_what_a_name_says_about_its_unit() -> None:
    assert unit_kind("各镇（街道）") == "group"
    assert group_member_kinds("各镇（街道）") == {"town"}
    assert unit_kind("后龙镇") == "town"
    assert unit_kind("区文投集团") == "company"
    assert unit_kind("园区经发科") == "park"
    assert unit_kind("区教育局") == "department"
    assert is_group_phrase("区直有关单位")
    assert not is_group_phrase("区教育局")
    assert parent_unit_name("财政局（国资办）") == "财政局"
    assert parent_unit_name("财政局") is None
