"""Any text at all: the extractor returns a tuple and never raises."""

from hypothesis import given, settings
from hypothesis import strategies as st

from taskdoc.indicators import indicators
from taskdoc.model import Indicator

# The characters targets are made of, so that random texts often come close to real ones.
TARGET_ALPHABET = (
    '0123456789.%,，、。；;：“”"（）()《》 万亿千百十零一二两三四五六七八九个家条人名元亩吨公里增长下降年均'
    "达到以上以内左右超突破近约余多翻番倍增位数成全覆盖稳定达标与基本同步完成任务AAA资信等级第期年月日"
    "分别各均都新增新建引进力争争取实现至到全年十五五的等和及与比较控制在不低于不超过项目企业率"
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=TARGET_ALPHABET, max_size=80), st.integers(min_value=1990, max_value=2100))
def test_target_like_text_returns_a_tuple_of_indicators(text, plan_year):
    found = indicators(text, plan_year=plan_year)
    assert isinstance(found, tuple)
    assert all(isinstance(i, Indicator) and i.span in text for i in found)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.integers(min_value=1990, max_value=2100)))
def test_any_text_returns_a_tuple(text, default_target_year):
    found = indicators(text, plan_year=2026, default_target_year=default_target_year)
    assert isinstance(found, tuple)


def test_overlapping_readings_of_one_number_do_not_break_the_reader():
    found = indicators('破新5级盖9一位数“长"两6达22,124个亩', plan_year=2026)
    assert [(i.value, i.unit) for i in found] == [(22124.0, "个")]
