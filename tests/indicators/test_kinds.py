"""Which kind of target a sentence states: a rate, a level, a multiple, or a qualitative state."""

from tests.indicators.helpers import only, read, triples


def test_percent_growth_is_growth_rate():
    found = only("地区生产总值增长 5.5%")
    assert (found.name, found.kind, found.value, found.unit) == ("地区生产总值", "growth_rate", 5.5, "%")


def test_growth_with_year_on_year_words_is_growth_rate():
    assert only("固定资产投资比上年增长6%以上").kind == "growth_rate"
    assert only("全区工业总产值同比增长8%").kind == "growth_rate"


def test_speed_and_price_rise_are_growth_rates():
    assert only("出口增速保持在8%以上").kind == "growth_rate"
    assert only("居民消费价格涨幅3%左右").kind == "growth_rate"


def test_percent_decline_is_decline_rate():
    found = only("单位GDP能耗下降3%左右")
    assert (found.name, found.kind, found.value) == ("单位GDP能耗", "decline_rate", 3.0)


def test_annual_average_growth_is_its_own_kind():
    assert only("推动旅游总收入年均增长7%以上").kind == "annual_avg_growth"


def test_percentage_points_keep_their_unit():
    found = only("税收占比提高2个百分点")
    assert (found.kind, found.value, found.unit) == ("growth_rate", 2.0, "个百分点")


def test_raising_a_share_to_a_value_is_a_level():
    found = only("推动业委会组建率提升至100%")
    assert (found.name, found.kind, found.value) == ("业委会组建率", "level", 100.0)


def test_falling_to_a_value_is_a_level():
    found = only("一般公共预算支出下降到30亿元以内")
    assert (found.kind, found.comparator, found.value, found.unit) == ("level", "<=", 30.0, "亿元")


def test_count_of_things_to_build_is_a_level():
    found = only("新建5G基站200个")
    assert (found.name, found.kind, found.value, found.unit) == ("新建5G基站", "level", 200.0, "个")


def test_count_before_its_noun_is_a_level():
    found = only("培育2家市场化运营主体")
    assert (found.name, found.value, found.unit) == ("市场化运营主体", 2.0, "家")


def test_money_amount_is_a_level():
    assert triples("实现进出口总额65亿元以上") == [("level", 65.0, "亿元")]


def test_share_of_a_budget_before_its_noun_is_a_level():
    found = only("保持70%以上区级财力用于教育、医疗、养老、托幼等领域建设")
    assert (found.kind, found.comparator, found.value) == ("level", ">=", 70.0)
    assert found.name == "区级财力用于教育、医疗、养老、托幼等领域建设"


def test_doubling_is_a_multiple_of_two():
    found = only("工业园区亩均税收实现“翻一番”")
    assert (found.name, found.kind, found.value, found.unit) == ("工业园区亩均税收", "multiple", 2.0, "倍")


def test_doubling_twice_is_a_multiple_of_four():
    assert triples("规上工业产值翻两番") == [("multiple", 4.0, "倍")]


def test_doubling_growth_is_a_multiple():
    assert triples("力争跨境电商出口实现倍增式增长") == [("multiple", 2.0, "倍")]


def test_doubling_plan_is_a_programme_name():
    assert read("实施人才倍增计划") == ()


def test_full_coverage_is_qualitative():
    found = only("实现标准化应急管理站全覆盖")
    assert (found.name, found.kind, found.comparator, found.value, found.unit) == (
        "标准化应急管理站",
        "qualitative",
        "=",
        None,
        None,
    )


def test_meeting_the_standard_is_qualitative():
    assert only("推动水源地、小流域水质稳定达标").name == "水源地、小流域水质"


def test_keeping_pace_with_growth_is_qualitative_and_approximate():
    found = only("居民人均可支配收入与经济增长基本同步")
    assert (found.name, found.kind, found.comparator) == ("居民人均可支配收入", "qualitative", "~")


def test_assigned_quota_is_qualitative():
    assert only("完成节能减排降碳任务").name == "节能减排降碳任务"
    assert only("主要污染物排放总量完成市下达任务").name == "主要污染物排放总量"


def test_credit_grade_is_qualitative():
    assert only("合力争创AAA资信等级").name == "资信等级"
    assert only("企业信用评级保持AA+级").kind == "qualitative"


def test_direction_without_number_is_not_an_indicator():
    assert read("稳定提升空气质量优良率") == ()
    assert read("进一步提升全社会研发投入强度") == ()


def test_keeping_pace_written_with_he_is_qualitative():
    assert only("居民收入增长和经济增长同步").name == "居民收入"


def test_assigned_target_is_qualitative():
    assert only("单位地区生产总值能耗完成市下达目标").name == "单位地区生产总值能耗"


def test_quota_assigned_by_several_levels_is_qualitative():
    assert only("完成国家、省下达的节能减排任务").name == "节能减排任务"


def test_comparable_basis_words_are_part_of_the_rate():
    found = only("一般公共预算收入同口径增长5%")
    assert (found.name, found.kind) == ("一般公共预算收入", "growth_rate")
