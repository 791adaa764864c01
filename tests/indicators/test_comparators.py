"""Comparators come from the words around the number; 力争 and 争取 don't change them."""

import pytest

from tests.indicators.helpers import only


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("新增城镇就业2700人以上", ">="),
        ("专业物业覆盖率超85%", ">="),
        ("推动区属国企总资产突破400亿元", ">="),
        ("粮食播种面积不低于10万亩", ">="),
        ("年内新开工项目不少于50个", ">="),
        ("有序盘活闲置公产600余宗", ">="),
        ("发放资金3000多万元", ">="),
        ("森林覆盖率稳定在66%以上", ">="),
    ],
)
def test_at_least_words_give_greater_or_equal(text, comparator):
    assert only(text).comparator == comparator


@pytest.mark.parametrize(
    "text",
    [
        "城镇调查失业率控制在5.5%以内",
        "确保城镇登记失业率不超过4%",
        "国企资产负债率控制在65%以下",
        "事故死亡人数控制在3人",
    ],
)
def test_ceiling_words_give_less_or_equal(text):
    assert only(text).comparator == "<="


@pytest.mark.parametrize(
    "text", ["全区生产总值增长5.5%左右", "推动近1500户居民回迁新居", "实现消费品零售总额约1000亿元"]
)
def test_approximation_words_give_tilde(text):
    assert only(text).comparator == "~"


@pytest.mark.parametrize(
    "text",
    [
        "争取园区投产企业达 32 家",
        "推动业委会组建率提升至100%",
        "稳定4000亩设施蔬菜生产",
        "实际利用外资完成500万美元",
    ],
)
def test_plain_statement_gives_equals(text):
    assert only(text).comparator == "="


def test_striving_words_do_not_change_the_comparator():
    assert only("力争市场主体增长5%").comparator == "="
    assert only("力争市场主体增长5%以上").comparator == ">="


def test_suffix_wins_over_the_verb():
    assert only("城镇调查失业率控制在5.5%左右").comparator == "~"


def test_range_is_read_as_its_lower_bound():
    found = only("地区生产总值增长6%—7%")
    assert (found.kind, found.comparator, found.value) == ("growth_rate", ">=", 6.0)
    assert (only("新增就业5000-6000人").comparator, only("新增就业5000-6000人").value) == (">=", 5000.0)
