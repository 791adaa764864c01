"""Rules added for other governments' phrasing, each with a guard against the reading it must not make."""

import pytest

from tests.indicators.helpers import only, read, triples


def test_rate_named_by_its_noun_is_a_rate():
    found = only("地区生产总值增长目标为6%左右")
    assert (found.name, found.kind, found.comparator, found.value) == (
        "地区生产总值",
        "growth_rate",
        "~",
        6.0,
    )
    assert only("地区生产总值增长率6%左右").kind == "growth_rate"
    assert only("力争实现5.5%的增长").kind == "growth_rate"
    assert only("城镇化率达到60%").kind == "level"


def test_bare_share_after_a_rate_continues_that_rate():
    assert triples("规模以上工业增加值增长7.5%，力争达到8%") == [
        ("growth_rate", 7.5, "%"),
        ("growth_rate", 8.0, "%"),
    ]
    assert triples("城镇化率达到60%，提高1.2个百分点") == [
        ("level", 60.0, "%"),
        ("growth_rate", 1.2, "个百分点"),
    ]


def test_two_digit_growth_quoted_or_annual():
    assert triples("跨境电商交易额实现“两位数”增长") == [("growth_rate", 10.0, "%")]
    assert only("数字经济核心产业增加值年均增长两位数").kind == "annual_avg_growth"


def test_shares_and_multiples_in_words():
    assert triples("农村自来水普及率达到百分之九十五") == [("level", 95.0, "%")]
    assert triples("工业用电量增长两成") == [("growth_rate", 20.0, "%")]
    assert triples("科技投入提高1倍") == [("multiple", 2.0, "倍")]
    found = only("三分之一以上的规上工业企业完成数字化改造")
    assert (found.comparator, round(found.value or 0, 2), found.unit) == (">=", 33.33, "%")


def test_bare_magnitude_with_yu_and_units_that_start_with_a_magnitude():
    assert [(i.comparator, i.value, i.unit) for i in read("培训高素质农民千余人次")] == [
        (">=", 1000.0, "人次")
    ]
    assert triples("新增就业1万余人") == [("level", 1.0, "万人")]
    assert triples("建设城市快速路8.5千米") == [("level", 8.5, "千米")]
    assert triples("新增光伏装机容量20万千瓦") == [("level", 20.0, "万千瓦")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("全年开行中欧班列300列", "列"),
        ("区域环境噪声平均值控制在55分贝以内", "分贝"),
        ("平均受教育年限达到11.5年", "年"),
    ],
)
def test_more_units(text, unit):
    assert [i.unit for i in read(text)] == [unit]


def test_units_guarded_against_names_and_periods():
    assert read("推进第二轮土地承包到期后再延长30年试点") == ()
    assert read("提高60岁以上老年人高龄津贴标准") == ()
    assert read("将项目列入省重点项目") == ()
    assert triples("人均预期寿命提高0.3岁") == [("level", 0.3, "岁")]


def test_chinese_numeral_year_sets_the_target_year():
    assert only("到二〇三〇年，全市规上工业总产值突破3000亿元").target_year == 2030


def test_share_with_de_is_a_target_unless_a_later_number_counts_the_population():
    assert [(i.comparator, i.value) for i in read("全市60%以上的财力用于保障和改善民生")] == [(">=", 60.0)]
    assert triples("研发投入占营业收入3%以上的企业达到200家") == [("level", 200.0, "家")]


def test_comparator_before_the_base_of_a_share():
    found = only("研发投入不低于营业收入的3%")
    assert (found.name, found.comparator, found.value) == ("研发投入", ">=", 3.0)


def test_sizes_that_describe_a_project_are_not_targets():
    assert read("年产10万吨再生铝项目建成投产") == ()
    assert read("推动总投资80亿元、年产值100亿元的新能源项目落地") == ()
    assert triples("新培育产值超10亿元企业5家") == [("level", 5.0, "家")]
    assert triples("新增产值超30亿元") == [("level", 30.0, "亿元")]
    assert triples("粮食播种面积稳定在120万亩以上、产量稳定在45万吨以上") == [
        ("level", 120.0, "万亩"),
        ("level", 45.0, "万吨"),
    ]


def test_total_investment_of_counted_projects_is_not_a_target():
    assert triples("今年计划实施重点项目210个，总投资1800亿元，年度计划投资360亿元") == [
        ("level", 210.0, "个"),
        ("level", 360.0, "亿元"),
    ]
    assert triples("力争全年招商引资签约项目总投资超1000亿元") == [("level", 1000.0, "亿元")]


def test_policy_packages_are_names():
    assert read("落实稳经济十项举措") == ()


def test_small_chinese_count_after_a_building_verb():
    assert triples("打造五个特色小镇") == [("level", 5.0, "个")]
    assert read("做好六个方面工作，聚焦三大主导产业") == ()


def test_assigned_quotas_and_shared_qualitative_subjects():
    assert [i.name for i in read("确保完成省下达的粮食生产任务")] == ["粮食生产任务"]
    assert [i.name for i in read("单位GDP能耗和二氧化碳排放均完成市下达目标任务")] == [
        "单位GDP能耗",
        "二氧化碳排放",
    ]
    assert read("全面完成“十四五”规划目标任务") == ()


def test_in_step_without_a_subject_borrows_the_last_one():
    found = read("全体居民人均可支配收入增长6%左右，与经济增长基本同步")
    assert [(i.name, i.kind, i.comparator) for i in found][-1] == (
        "全体居民人均可支配收入",
        "qualitative",
        "~",
    )


def test_threshold_count_before_a_word_target():
    assert [i.kind for i in read("实现30户以上自然村通硬化路全覆盖")] == ["qualitative"]


def test_set_size_words_do_not_block_a_share():
    assert read("对全区8个街道开展综合考核") == ()
