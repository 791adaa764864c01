"""Unit and leader cells: split by the language's rules, never by a list of known units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taskdoc.units import split_leaders, split_units

GOLD = Path(__file__).parents[1] / "data" / "gold"


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("常泰街道办事处江南城建集团", ("常泰街道办事处", "江南城建集团")),
        ("鲤城生态环境局各街道办事处", ("鲤城生态环境局", "各街道办事处")),
        ("县住建局县生态环境局", ("县住建局", "县生态环境局")),
        ("峰尾镇涂岭镇", ("峰尾镇", "涂岭镇")),
    ],
)
def test_glued_names_split_after_a_unit_suffix(cell: str, names: tuple[str, ...]) -> None:
    assert split_units(cell).names == names


@pytest.mark.parametrize(
    "name",
    [
        "区行政服务中心管委会",
        "区委社会工作部",
        "区纪委监委",
        "两办督查室",
        "各街道社区卫生服务中心",
        "区公安局交警大队",
    ],
)
def test_single_names_with_suffixes_inside_stay_whole(name: str) -> None:
    assert split_units(name).names == (name,)


def test_no_gold_unit_is_split_or_changed() -> None:
    units = {
        unit
        for seed in GOLD.glob("*.gold.json")
        for task in json.loads(seed.read_text(encoding="utf-8"))["tasks"]
        for unit in (*task["lead_units"], *task["co_units"])
    }
    assert {u for u in units if split_units(u).names != (u,)} == set()


def test_group_phrases_keep_their_inner_separators() -> None:
    assert split_units("各县、市、区政府 区直有关单位").names == ("各县、市、区政府", "区直有关单位")
    assert split_units("各镇（街道）、相关单位").names == ("各镇（街道）", "相关单位")


def test_elided_shared_prefix_is_expanded_and_reported() -> None:
    parsed = split_units("园区经发科、环安科")
    assert parsed.names == ("园区经发科", "园区环安科")
    assert parsed.notes
    assert parsed.notes[0].code == "prefix_elided"


def test_name_wrapped_onto_the_next_line_is_joined() -> None:
    assert split_units("古城保护发展\n\n指挥部\n区住建局").names == ("古城保护发展指挥部", "区住建局")
    assert split_units("高新区\n管委会").names == ("高新区管委会",)


def test_bracketed_part_on_its_own_line_joins_its_unit() -> None:
    assert split_units("区委组织部\n\n(人才办)\n区科技局").names == ("区委组织部（人才办）", "区科技局")


def test_names_on_separate_lines_stay_separate() -> None:
    assert split_units("区自然资源局\n\n区农水局").names == ("区自然资源局", "区农水局")


def test_lead_mark_is_taken_off_the_name() -> None:
    parsed = split_units("市爱卫办（牵头）、市卫健委")
    assert parsed.names == ("市爱卫办", "市卫健委")
    assert parsed.marked_lead == ("市爱卫办",)


def test_padded_leader_names_lose_their_padding() -> None:
    assert split_leaders("王  伟\n\n李超端\n卓鸿杰")[0] == ("王伟", "李超端", "卓鸿杰")
    assert split_leaders("曾国志、陈 颖")[0] == ("曾国志", "陈颖")


def test_office_titles_beside_a_leader_are_not_names() -> None:
    assert split_leaders("李  华\n（副县长）")[0] == ("李华",)
    assert split_leaders("县委常委、副县长 王刚")[0] == ("王刚",)
    assert split_leaders("王刚（县委常委、副县长）")[0] == ("王刚",)
    assert split_leaders("副县长王刚")[0] == ("王刚",)


def test_a_cell_of_posts_only_keeps_them() -> None:
    assert split_leaders("常务副县长")[0] == ("常务副县长",)
    assert split_leaders("李文长")[0] == ("李文长",)  # a name ending in 长 is not a post


def test_a_common_noun_ending_in_town_is_not_split_off() -> None:
    assert split_units("镇村镇建设办").names == ("镇村镇建设办",)
