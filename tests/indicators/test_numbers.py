"""Numbers as the documents write them: Arabic with magnitudes, Chinese numerals, and words."""

from taskdoc.indicators.numbers import parse_chinese, to_halfwidth
from tests.indicators.helpers import only, read, triples


def test_magnitude_stays_in_the_unit():
    assert triples("争取全年粮食产量1.2万吨以上") == [("level", 1.2, "万吨")]
    assert triples("争取全年完成利用外资 1600 万美元") == [("level", 1600.0, "万美元")]


def test_spaces_inside_a_number_phrase_are_allowed():
    assert triples("年度计划投资 251.44 亿元以上") == [("level", 251.44, "亿元")]


def test_ming_is_normalised_to_people():
    assert triples("引进高层次人才500名") == [("level", 500.0, "人")]


def test_chinese_numeral_with_classifier_is_a_count():
    assert triples("新增城镇就业六千人") == [("level", 6000.0, "人")]
    assert triples("完成三千亩高标准农田建设") == [("level", 3000.0, "亩")]


def test_chinese_numeral_keeps_its_magnitude_in_the_unit():
    assert triples("新增就业两万余人") == [("level", 2.0, "万人")]


def test_tenths_are_percent():
    found = only("推动中山南路业态入驻超八成")
    assert (found.name, found.comparator, found.value, found.unit) == ("中山南路业态入驻", ">=", 80.0, "%")


def test_double_digit_growth_is_at_least_ten_percent():
    found = only("力争境外游客实现两位数增长")
    assert (found.name, found.kind, found.comparator, found.value, found.unit) == (
        "境外游客",
        "growth_rate",
        ">=",
        10.0,
        "%",
    )


def test_full_width_digits_are_read():
    assert triples("新增保租房２００套") == [("level", 200.0, "套")]


def test_latin_units_are_read():
    assert triples("平均进水BOD浓度保持在100mg/L以上") == [("level", 100.0, "mg/L")]


def test_duration_after_a_setting_verb_is_a_target():
    found = only("审批时限压缩至3个工作日以内")
    assert (found.name, found.comparator, found.value, found.unit) == ("审批时限", "<=", 3.0, "个工作日")


def test_parse_chinese_reads_common_forms():
    assert parse_chinese("三千") == 3000
    assert parse_chinese("十五") == 15
    assert parse_chinese("二十") == 20
    assert parse_chinese("一万二千") == 12000
    assert parse_chinese("一百零五") == 105
    assert parse_chinese("两") == 2


def test_parse_chinese_refuses_runs_of_digits():
    assert parse_chinese("十四五") is None
    assert parse_chinese("三五") is None


def test_halfwidth_keeps_the_length():
    text = "（海关口径）增长３％，"
    assert len(to_halfwidth(text)) == len(text)
    assert to_halfwidth(text) == "(海关口径)增长3%,"


def test_number_without_unit_after_a_setting_verb_is_a_level():
    found = only("主城区交通拥堵指数控制在1.8以下")
    assert (found.name, found.comparator, found.value, found.unit) == ("主城区交通拥堵指数", "<=", 1.8, None)


def test_age_and_score_after_a_setting_verb_are_levels():
    assert triples("人均预期寿命达到81.5岁") == [("level", 81.5, "岁")]
    assert triples("群众满意度达到90分以上") == [("level", 90.0, "分")]


def test_one_counts_after_a_creating_verb():
    assert triples("新建一所九年一贯制学校") == [("level", 1.0, "所")]


def test_a_rate_unit_per_day_stays_in_the_unit():
    assert triples("新增污水处理能力2万吨/日") == [("level", 2.0, "万吨/日")]


def test_rank_places_are_not_people():
    assert read("推动县域经济排名前移5位") == ()
