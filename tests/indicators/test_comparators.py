"""Comparators come from the words around the number; 力争 and 争取 don't change them."""

import pytest

from tests.indicators.helpers import only, read


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


def test_a_range_is_read_as_both_its_bounds():
    """The Indicator has one value and one comparator: 6%—7% is two of them, at least 6% and at most 7%."""
    low, high = read("地区生产总值增长6%—7%")
    assert (low.kind, low.comparator, low.value) == ("growth_rate", ">=", 6.0)
    assert (high.kind, high.comparator, high.value, high.name) == ("growth_rate", "<=", 7.0, low.name)
    assert [(i.comparator, i.value, i.unit) for i in read("新增就业5000-6000人")] == [
        (">=", 5000.0, "人"),
        ("<=", 6000.0, "人"),
    ]
    assert [(i.comparator, i.value) for i in read("工业投资增长6-7%")] == [(">=", 6.0), ("<=", 7.0)]
    assert [(i.comparator, i.value, i.unit) for i in read("粮食产量稳定在1.5至1.6万吨")] == [
        (">=", 1.5, "万吨"),
        ("<=", 1.6, "万吨"),
    ]
