"""Target years: from the section heading, from the sentence, else the plan year."""

import pytest

from taskdoc.indicators import target_year_for_section
from tests.indicators.helpers import PLAN_YEAR, only, read


@pytest.mark.parametrize(
    ("plan", "end_year"), [("十四五", 2025), ("十五五", 2030), ("十六五", 2035), ("十三五", 2020)]
)
def test_five_year_plan_goals_section_gives_the_plan_end_year(plan, end_year):
    section = (f"一、“{plan}”工作目标", "(一) 实施“双创融合”工程，持续发展现代多元产业")
    assert target_year_for_section(section, PLAN_YEAR) == end_year


def test_goals_heading_with_a_year_gives_that_year():
    assert target_year_for_section(("二、2026 年主要经济社会发展预期目标",), PLAN_YEAR) == 2026
    assert target_year_for_section(("到2027年主要目标",), PLAN_YEAR) == 2027


def test_goals_heading_saying_this_year_gives_the_plan_year():
    assert target_year_for_section(("一、今年主要预期目标",), PLAN_YEAR) == PLAN_YEAR


def test_work_heading_gives_no_year():
    assert (
        target_year_for_section(("三、2026 年区政府主要工作", "(一) 开展产业能级跃升攻坚行动"), PLAN_YEAR)
        is None
    )
    assert target_year_for_section((), PLAN_YEAR) is None


def test_plan_opening_heading_is_not_a_goals_heading():
    assert target_year_for_section(("奋力实现“十五五”良好开局目标",), PLAN_YEAR) is None


def test_without_any_year_the_target_is_for_the_plan_year():
    assert only("新增保租房200套").target_year == PLAN_YEAR


def test_section_year_is_the_default():
    assert only("力争居民人均可支配收入年均增长6%", default_target_year=2030).target_year == 2030


def test_explicit_year_in_the_sentence_wins():
    assert only("到2027年，全区高新技术企业数量突破300家").target_year == 2027
    assert only("争取至2030年石化产值突破1500亿元", default_target_year=2026).target_year == 2030


def test_whole_year_means_the_plan_year_even_in_a_plan_section():
    assert only("争取全年粮食产量1.2万吨以上", default_target_year=2030).target_year == PLAN_YEAR


def test_plan_period_in_the_sentence_gives_the_plan_end_year():
    assert only("到“十五五”末，全区常住人口达到80万人").target_year == 2030


def test_year_range_gives_its_end_year():
    assert only("2026年至2028年，累计新增城镇就业3万人").target_year == 2028


def test_year_holds_to_the_end_of_its_sentence_only():
    found = read("力争2030年实现行政村40个以上，农民收入超4.2万元。新增就业2000人。")
    assert [i.target_year for i in found] == [2030, 2030, PLAN_YEAR]
