"""Column roles come from the headers' words, not from their positions."""

from __future__ import annotations

import pytest

from taskdoc.header import combine_rows, resolve, split_header_line


def _roles(columns: list[str]) -> list[str | None]:
    header = resolve(columns)
    assert header is not None
    return list(header.roles)


def test_responsible_unit_leads_when_no_lead_column() -> None:
    assert _roles(["序号", "具体目标任务", "责任单位", "协办单位"]) == [
        "seq",
        "text",
        "lead_units",
        "co_units",
    ]


def test_responsible_unit_supports_beside_a_lead_column() -> None:
    assert _roles(["责任单位", "牵头单位", "具体任务", "分管领导"]) == [
        "co_units",
        "lead_units",
        "text",
        "leaders",
    ]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("工作任务", "text"),
        ("重点工作", "text"),
        ("任务内容", "text"),
        ("主要责任单位", "lead_units"),
        ("牵头责任单位", "lead_units"),
        ("协同责任单位", "co_units"),
        ("参与单位", "co_units"),
        ("分管区领导", "leaders"),
        ("牵头领导", "leaders"),
        ("时间节点", "deadline"),
        ("完成時限", "deadline"),
    ],
)
def test_header_word_gives_role(word: str, role: str) -> None:
    assert _roles(["序号", "主要任务", word])[2] == role


def test_spaced_out_header_is_read() -> None:
    assert split_header_line("序 号 工 作 任 务 牵头单位 配合单位") == [
        "序号",
        "工作任务",
        "牵头单位",
        "配合单位",
    ]


def test_header_over_two_rows_is_joined() -> None:
    assert combine_rows(["序", "工作", "牵头", "完成"], ["号", "任务", "单位", "时限"]) == [
        "序号",
        "工作任务",
        "牵头单位",
        "完成时限",
    ]


def test_group_header_gives_way_to_the_words_below() -> None:
    top = ["序号", "工作任务", "责任单位", "责任单位"]
    assert combine_rows(top, ["序号", "工作任务", "牵头单位", "配合单位"])[2:] == ["牵头单位", "配合单位"]


def test_a_sentence_is_not_a_header() -> None:
    assert resolve(["1", "推进重点工作任务落实。", "区发改局", "各镇"]) is None


def test_key_work_beside_specific_task_groups_the_rows() -> None:
    assert _roles(["序号", "重点工作", "具体任务", "牵头单位"]) == ["seq", "group", "text", "lead_units"]
    assert _roles(["序号", "重点工作", "工作任务", "牵头单位"]) == ["seq", "group", "text", "lead_units"]


def test_a_section_heading_is_never_a_header_word() -> None:
    assert resolve(["序号", "工作任务", "责任单位", "一、项目建设"]) is not None
    assert _roles(["序号", "工作任务", "责任单位", "一、项目建设"])[3] is None


def test_group_header_followed_by_an_empty_cell_spans_the_words_below() -> None:
    assert combine_rows(["序号", "工作任务", "责任单位", "", "完成时限"], ["", "", "牵头", "配合", ""]) == [
        "序号",
        "工作任务",
        "牵头",
        "配合",
        "完成时限",
    ]
