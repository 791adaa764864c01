"""Numbers and numeral-like words that are not targets."""

import pytest

from tests.indicators.helpers import read, triples


def test_year_is_not_an_indicator():
    assert read("实施《乡村振兴三年行动计划（2024—2026年）》") == ()


def test_dates_are_not_indicators():
    assert read("6月底前完成整改，10月1日起施行") == ()


def test_ordinal_is_not_an_indicator():
    assert read("高质量推进第四次全国农业普查") == ()
    assert read("启动第三批区级非遗代表性传承人认定工作") == ()


def test_new_round_is_not_an_indicator():
    assert read("实施新一轮农村公路提升行动") == ()


def test_phase_name_is_not_an_indicator():
    assert read("加快建设华星燃气三期等项目，推进恒昂畜牧二期") == ()


def test_quoted_programme_names_are_not_indicators():
    assert read("健全“1+N”托育服务体系，实施“千名医师下基层”活动") == ()
    assert read("深化实施初中“135”提质强校行动") == ()


def test_5g_as_a_name_is_not_an_indicator():
    assert read("落地“5G+AI智能值守技术”等人工智能项目") == ()
    assert triples("新增5G基站100个") == [("level", 100.0, "个")]


def test_slogans_with_small_chinese_numerals_are_not_indicators():
    assert read("落实残疾人两项补贴提标政策") == ()
    assert read("严格落实中央八项规定及其实施细则精神") == ()
    assert read("发展“一村一品”专业村，打造一批特色乡村") == ()


def test_n_da_labels_a_set_and_is_not_an_indicator():
    assert read("谋划焕新北、西、南三大城市门户") == ()


def test_periods_and_versions_are_not_indicators():
    assert read("打造1小时经济圈和15分钟便民生活圈，推出亮化3.0版") == ()
    assert read("收官安全生产治本攻坚三年行动") == ()


def test_school_and_road_names_are_not_indicators():
    assert read("加快建设泉州五中江南校区，推进国道324线改造") == ()


def test_ranks_and_ages_are_not_indicators():
    assert read("进入全国百强区前50名，为60岁以上老年人提供免费体检") == ()


@pytest.mark.parametrize(
    "text",
    [
        "加快推进产值10亿元以上企业技术改造",
        "力争2030年实现年经营性收入超50万元的行政村40个以上",
        "加快总投资超300亿元的86个城建项目建设",
        "设立规模20亿元的产业引导基金",
    ],
)
def test_threshold_that_defines_what_is_counted_is_not_an_indicator(text):
    assert all(i.unit not in ("亿元", "万元") for i in read(text))


def test_threshold_stays_in_the_name_of_the_count():
    assert [(i.name, i.value) for i in read("重点推进 5 亿元以上项目 18 个")] == [("5亿元以上项目", 18.0)]


def test_a_batch_without_number_is_not_an_indicator():
    assert read("培育一批金牌文旅营销人才") == ()


def test_designation_to_win_is_not_an_indicator():
    assert read("成功创建国家县域义务教育优质均衡发展区") == ()


def test_prevention_slogan_is_not_an_indicator():
    assert read("确保政府债务风险安全可控，严防各类安全事故发生") == ()


def test_base_year_of_a_comparison_is_not_the_target_year():
    found = read("2025年全区GDP达到500亿元，比2020年翻一番")
    assert [(i.name, i.kind, i.target_year) for i in found] == [
        ("全区GDP", "level", 2025),
        ("全区GDP", "multiple", 2025),
    ]


def test_ages_and_age_ranges_are_not_indicators():
    assert read("加强0-3岁婴幼儿照护服务，为60岁以上老年人体检") == ()


def test_count_threshold_glued_to_a_counted_noun_is_not_an_indicator():
    assert triples("培育员工100人以上企业10家") == [("level", 10.0, "家")]
    assert triples("打造5条以上精品旅游线路、10个以上示范点") == [("level", 5.0, "条"), ("level", 10.0, "个")]


@pytest.mark.parametrize(
    "text",
    [
        "坚持“两个毫不动摇”，落实“六稳”“六保”任务",
        "构建“一核两翼三带”发展格局",
        "加快G228国道、S306省道建设，推进地铁6号线前期工作",
        "落实第二轮土地承包到期后再延长30年试点",
        "做好2026年度目标责任考核工作",
        "推进一二三产业融合发展",
        "办好第21届海峡两岸机械展",
        "按照1:1比例配套资金",
        "推进百亿级产业集群建设，打造千亿级产业园区",
        "确保“十四五”规划圆满收官，谋划“十五五”发展",
        "创建国家4A级旅游景区",
        "加强10千伏及以下配电网建设",
        "建设15分钟健身圈",
    ],
)
def test_numbers_in_names_and_periods_are_not_indicators(text):
    assert read(text) == ()


def test_size_of_an_existing_set_is_not_an_indicator():
    assert read("在8个镇开展试点") == ()
    assert [i.kind for i in read("实现全区12个街道全覆盖")] == ["qualitative"]


def test_the_number_of_work_areas_is_not_an_indicator():
    assert read("深入学习贯彻党的二十大精神，推动十个方面工作取得新成效") == ()
    assert triples("新建社区服务站10个，方便群众办事") == [("level", 10.0, "个")]
