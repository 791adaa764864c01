"""Names: the measured quantity as written, and how coordinated subjects and values share them."""

from tests.indicators.helpers import only, read


def names(text: str) -> list[str]:
    return [i.name for i in read(text)]


def test_commitment_verbs_and_time_words_are_dropped_from_the_name():
    assert only("力争全年新签约招商项目总投资 800 亿元以上").name == "新签约招商项目总投资"
    assert only("争取至2030年石化产值突破1500亿元").name == "石化产值"


def test_verbs_that_define_the_count_stay_in_the_name():
    assert only("新增城镇就业2700人以上").name == "新增城镇就业"
    assert only("提供岗位超1.2万个").name == "提供岗位"
    assert only("建成海丝亲子文旅综合体等5个项目").name == "建成项目"


def test_examples_before_deng_are_not_in_the_name():
    assert only("加速建设环境友好高分子材料等11个中试平台(基地)").name == "中试平台(基地)"


def test_stray_spaces_leave_the_name_but_not_the_span():
    found = only("重点推进 5 亿元以上项目 18 个")
    assert (found.name, found.span) == ("5亿元以上项目", "重点推进 5 亿元以上项目 18 个")


def test_span_is_a_verbatim_substring():
    text = "实施“项目巩固年”活动，全年安排实施重点项目 310 个以上、年度计划投资 251.44 亿元以上。"
    assert all(i.span in text for i in read(text))


def test_several_subjects_share_one_rate():
    found = read("力争外贸进出口总额、实际利用外资年均增长5%以上")
    assert [(i.name, i.kind, i.value) for i in found] == [
        ("外贸进出口总额", "annual_avg_growth", 5.0),
        ("实际利用外资", "annual_avg_growth", 5.0),
    ]
    assert found[1].span == "实际利用外资年均增长5%以上"


def test_several_subjects_share_one_value_with_jun():
    assert names("争取基本养老保险参保率、基本医保参保扩面率均达96%以上") == [
        "基本养老保险参保率",
        "基本医保参保扩面率",
    ]


def test_several_subjects_share_one_doubling():
    assert names("“四上”企业数量、产值5亿元以上工业企业数量、工业园区亩均税收实现“翻一番”") == [
        "“四上”企业数量",
        "产值5亿元以上工业企业数量",
        "工业园区亩均税收",
    ]


def test_ge_gives_each_subject_the_value_and_shares_the_verb():
    found = read("引进高层次人才、青年人才各300名以上")
    assert [(i.name, i.value, i.comparator) for i in found] == [
        ("引进高层次人才", 300.0, ">="),
        ("引进青年人才", 300.0, ">="),
    ]


def test_ge_splits_subjects_joined_by_he():
    assert names("再培育省级制造业单项冠军和省级龙头企业各1家") == ["省级制造业单项冠军", "省级龙头企业"]


def test_fenbie_pairs_subjects_and_values_in_order():
    found = read("污水处理厂平均污水收集率、平均进水BOD浓度分别保持在70%、100mg/L以上")
    assert [(i.value, i.unit, i.comparator) for i in found] == [(70.0, "%", ">="), (100.0, "mg/L", ">=")]
    assert found[1].name == "平均进水BOD浓度"


def test_fenbie_keeps_the_rate_kind_for_every_value():
    found = read("全年旅游接待人数、旅游总收入分别增长10%、12%以上")
    assert [(i.name, i.kind, i.value) for i in found] == [
        ("旅游接待人数", "growth_rate", 10.0),
        ("旅游总收入", "growth_rate", 12.0),
    ]


def test_a_verb_opening_an_item_ends_the_shared_subjects():
    assert names("深化改革、推动全区生产总值增长5%") == ["全区生产总值"]


def test_a_value_without_subject_borrows_the_previous_subject():
    found = read("农村居民人均可支配收入超4.2万元、年均增长6%")
    assert [(i.name, i.kind) for i in found] == [
        ("农村居民人均可支配收入", "level"),
        ("农村居民人均可支配收入", "annual_avg_growth"),
    ]


def test_a_bare_milestone_verb_borrows_the_previous_subject():
    assert names("确保完成重点项目开工 100 个、竣工 67 个") == ["重点项目开工", "重点项目竣工"]


def test_a_coordinated_count_shares_the_creating_verb():
    assert names("新建社会救助服务站点2个、爱心助残驿站3个") == ["新建社会救助服务站点", "新建爱心助残驿站"]


def test_each_coordinated_count_is_its_own_indicator():
    found = read("推进3处变电站、7个开闭所建设、5座公厕改造提升")
    assert [(i.value, i.unit) for i in found] == [(3.0, "处"), (7.0, "个"), (5.0, "座")]


def test_examples_of_the_next_count_are_left_to_it():
    assert names("确保仙岩路等29个项目开工、海天总部研发中心等36个项目建成或部分建成") == [
        "项目开工",
        "项目建成或部分建成",
    ]


def test_indicators_are_in_text_order():
    found = read("推动水源地、小流域水质稳定达标，污水处理厂平均污水收集率保持在70%以上")
    assert [i.kind for i in found] == ["qualitative", "level"]


def test_fenbie_without_subjects_pairs_with_the_targets_just_read():
    found = read("全年接待国内外游客1500万人次、实现旅游收入150亿元，分别增长10%和12%")
    assert [(i.name, i.kind, i.value) for i in found[2:]] == [
        ("接待国内外游客", "growth_rate", 10.0),
        ("旅游收入", "growth_rate", 12.0),
    ]


def test_fenbie_splits_subjects_joined_by_he():
    assert names("城镇居民人均可支配收入和农村居民人均可支配收入分别增长6%和7%") == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
    ]


def test_coordinated_nouns_before_one_count_form_one_name():
    assert names("新建改扩建中小学、幼儿园12所") == ["新建改扩建中小学、幼儿园"]


def test_an_alternative_unit_in_brackets_is_not_a_name():
    assert names("筹集保障性租赁住房3000套（间）") == ["筹集保障性租赁住房"]


def test_the_base_of_a_comparison_leaves_the_name():
    assert only("PM2.5浓度较2020年下降10%").name == "PM2.5浓度"
    assert only("出口比上年增长8%").name == "出口"
