"""Quality hints on reports, with texts as liaisons write them. Hints only: never a score, never a refusal."""

from progress.hints import report_hints

GOOD = "3月份完成固定资产投资12.6亿元，同比增长8.1%，新开工项目5个，完成年度目标的23%。"
STOCK = "本月各项工作稳步推进，有序开展，取得积极成效。"
ACTIVITY = "召开专题会议研究部署，组织相关部门开展调研，对接省市有关单位。"
RESULT_WORDS = "召开专题会议研究部署，重点项目全部开工，征迁工作完成。"


def codes(text: str, **kw) -> list[str]:
    return [h.code for h in report_hints(text, **kw)]


def test_a_concrete_report_gets_no_hint():
    assert codes(GOOD, has_indicators=True, previous_text=STOCK) == []


def test_no_figure_on_a_task_with_indicators():
    assert codes("项目前期工作进展顺利，已进入招标阶段。", has_indicators=True) == ["no_number"]
    assert codes("项目前期工作进展顺利，已进入招标阶段。", has_indicators=False) == []
    assert codes("项目前期工作进展顺利，已进入招标阶段。", has_indicators=True, readings_given=True) == []
    assert codes("新增就业岗位三百个，招商签约两家企业。", has_indicators=True) == []


def test_only_stock_phrases():
    hints = report_hints(STOCK, has_indicators=False)
    assert [h.code for h in hints] == ["boilerplate"]
    assert hints[0].found == ("稳步推进", "有序开展", "取得积极成效", "各项工作")
    # a stock phrase inside a concrete report is no hint
    assert codes("稳步推进老旧小区改造，本月完成3个小区外立面整治。", has_indicators=False) == []


def test_last_months_text_again():
    last = "2月份完成固定资产投资8.2亿元，同比增长7.9%，新开工项目3个。"
    hints = report_hints(last.replace("。", "！"), has_indicators=True, previous_text=last)
    assert [h.code for h in hints] == ["copy"]
    assert hints[0].similarity >= 90
    assert codes(GOOD, has_indicators=True, previous_text=last) == []


def test_activities_rather_than_results():
    hints = report_hints(ACTIVITY, has_indicators=False)
    assert [h.code for h in hints] == ["activities"]
    assert "召开" in hints[0].found
    assert "调研" not in hints[0].found  # counted once, as 开展调研
    assert codes(RESULT_WORDS, has_indicators=False) == []


def test_an_empty_text_gets_no_hint_the_form_asks_for_it():
    assert codes("  ", has_indicators=True, previous_text="") == []
