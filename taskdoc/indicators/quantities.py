"""Find the numbers with a unit in a clause, and drop those that are not targets (years, ordinals, names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from taskdoc.indicators import lexicon as lx
from taskdoc.indicators.numbers import FOLDED_MAGNITUDES, parse_arabic, parse_chinese, split_magnitude
from taskdoc.indicators.text import Layout
from taskdoc.model import Comparator, IndicatorKind

Category = Literal["count", "percent", "measure", "time", "multiple", "qualitative"]


def _units(units: tuple[str, ...], category: Category) -> dict[str, Category]:
    return dict.fromkeys(units, category)


_UNIT_CATEGORY = (
    _units(lx.COUNT_UNITS, "count")
    | _units(lx.PERCENT_UNITS, "percent")
    | _units(lx.MEASURE_UNITS, "measure")
    | _units(lx.TIME_UNITS, "time")
    | _units(lx.GAUGE_UNITS, "measure")
    | _units(("成",), "percent")
)
_ARABIC = r"(?<![\d.A-Za-z])(?P<arabic>\d+(?:,\d{3})*(?:\.\d+)?)"
_CHINESE = (
    r"(?<![零〇一二两三四五六七八九十百千万亿第])(?P<chinese>[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
    r"|[百千万](?=[余多]))"  # 千余人次, 百余家: the leading 一 is left out
)
# A range (6%—7%, 5000-6000人) is read as both bounds: the lower with >= (the hit's value) and the upper
# with <= (its `high`); taskdoc.indicators.extract makes two indicators of it.
_RANGE_LOW = r"(?:(?<![\d.A-Za-z])(?P<low>\d+(?:\.\d+)?)\s*%?\s*[-—~～至到]\s*)?"
_QUANTITY = re.compile(
    r"(?:"
    + _RANGE_LOW
    + _ARABIC
    + r"\s*(?P<approx_inner>余|多)?(?P<magnitude>万亿|千万|百万|万|亿|千(?![米克瓦])|百)?|"
    + _CHINESE
    + r")"
    r"(?P<approx>余|多)?\s*(?P<unit>" + lx.alternation(tuple(_UNIT_CATEGORY)) + r")"
    r"(?P<per>/(?:日|天|年|小时|月))?(?P<approx_after>余|多)?"
    r"(?P<suffix>\s*(?:" + lx.alternation(tuple(lx.SUFFIX_COMPARATORS)) + r"))?"
)
# Before a number: an ordinal, a rank, a rate's base (每万人), a programme's digit (1+N, 5G+AI), or the
# size of a set that exists already (全区12个街道, 在8个镇试点).
_NOT_AFTER = re.compile(r"(?:第|前|后|每|排名|位列|[+×*/\-—~])\s*$")
_SET_SIZE_AFTER = re.compile(r"(?:全区|全市|全县|全省|全镇|辖区|所有|(?<!保持|稳定|控制|维持)在)\s*$")
_NOT_BEFORE = re.compile(r"\s*[+×*/]")
# Small Chinese numbers are labels (两项补贴, 八项规定) unless a comparator or a creating verb stands before.
_SMALL_CHINESE_LICENCE = re.compile(
    r"(?:"
    + lx.alternation(tuple(lx.PREFIX_COMPARATORS))
    + r"|新增|新建|建成|引进|培育|开工|竣工|达到|达|占|打造|创建|建设)\s*$"
)
# 增长两成, 下降三成: a rate verb licenses a small Chinese number of tenths.
_TENTHS_LICENCE = re.compile(r"(?:" + lx.alternation(lx.GROWTH_VERBS + lx.DECLINE_VERBS) + r")\s*$")
_CLAUSE_END_AFTER = re.compile(r"\s*(?:$|[,;:。!?、])")
_RANK_BEFORE = re.compile(r"排名|位次|名次|前移|进位|跃升|上升")
# 一 counts only right after a verb that creates what it counts (新建一所学校).
_ONE_LICENCE = re.compile(r"(?:新增|新建|建成|引进|培育|新设)\s*$")
# A number without a unit is a target only when a verb sets it and nothing follows (指数控制在1.8以下).
_UNITLESS = re.compile(
    r"(?P<verb>达到|达|控制在|保持在|稳定在|提升至|提升到|提高至|提高到|降至|下降至|下降到|不低于|不超过|低于|高于|突破|超过)"
    r"\s*(?P<arabic>\d+(?:\.\d+)?)(?![\d.])(?P<suffix>\s*(?:以上|以下|以内|左右))?(?=\s*(?:$|[,;:。!?、]))"
)
_SUFFIX = r"(?P<suffix>\s*(?:" + lx.alternation(tuple(lx.SUFFIX_COMPARATORS)) + r"))?"
_CHINESE_PART = r"[零〇一二两三四五六七八九十百]+"
# Shares in words: 百分之九十五, 百分之五点五; 三分之二, 三分之一以上.
_SPOKEN_PERCENT = re.compile(
    r"百分之(?P<number>" + _CHINESE_PART + r"(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)" + _SUFFIX
)
_FRACTION = re.compile(
    r"(?<![零〇一二两三四五六七八九十百\d])(?P<den>[二两三四五六七八九十]+|\d+)\s*分之\s*(?P<num>[一二两三四五六七八九十]+|\d+)"
    + _SUFFIX
)
# After a measure or a share: 以上 + noun, or 的 + noun, only says what is counted (5亿元以上项目, 超50万元的行政村).
_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:以上|以下|及以上)?\s*(?:的(?!目标|任务|水平|增速|增幅|增长)|[^\s、,;:。!?和及与并或等的)）”\"])"
)


_PERCENT_OF = re.compile(r"\s*的(?!目标|任务|水平|增速|增幅|增长)")


@dataclass(frozen=True)
class Hit:
    """A target-bearing stretch of the clause: a number with its unit, or a target word (翻一番, 全覆盖)."""

    start: int
    end: int
    value: float | None
    unit: str | None
    category: Category
    comparator: Comparator | None = None  # from words inside the hit: 余, 以上, 左右
    kind: IndicatorKind | None = None  # fixed by a target word: multiple, growth_rate (两位数), qualitative
    name: tuple[int, int] | None = None  # a name inside the hit (完成节能减排降碳任务)
    high: float | None = None  # the upper bound of a range (5%—6%): the value is its lower bound


def find_quantities(norm: str, start: int, end: int, marks: Layout, words: tuple[Hit, ...] = ()) -> list[Hit]:
    """The numbers with a unit between start and end that may be targets.

    words are the targets written in words in the same stretch (全覆盖): a count with 以上 glued to a noun
    before one of them only says what is covered (30户以上自然村通硬化路全覆盖).
    """
    hits = []
    for match in _QUANTITY.finditer(norm, start, end):
        hit = _hit(norm, match, marks)
        if hit is not None and not is_threshold(norm, hit, end):
            hits.append(hit)
    hits.extend(_shares_in_words(norm, start, end, marks))
    for match in _UNITLESS.finditer(norm, start, end):
        value = parse_arabic(match["arabic"])
        if value is not None and not marks.quoted[match.start("arabic")]:
            suffix = (match["suffix"] or "").strip()
            comparator = lx.SUFFIX_COMPARATORS.get(suffix)
            hits.append(Hit(match.start("arabic"), match.end(), value, None, "measure", comparator))
    hits.sort(key=lambda hit: hit.start)
    return [
        hit
        for i, hit in enumerate(hits)
        if not _counts_a_population(
            norm, hit, sorted([*hits[i + 1 :], *(w for w in words if w.start >= hit.end)], key=_start), end
        )
        and not _share_of_a_population(norm, hit, hits[i + 1 :])
    ]


def _share_of_a_population(norm: str, hit: Hit, later: list[Hit]) -> bool:
    """研发投入占营业收入3%以上的企业达到200家: a share with 的 + noun, counted by a later number.

    Without a later number the share is the target itself (全市60%以上的财力用于民生).
    """
    return hit.category == "percent" and bool(later) and _PERCENT_OF.match(norm, hit.end) is not None


def _number(text: str) -> float | None:
    """An Arabic or Chinese number, with 点 as the Chinese decimal point (五点五)."""
    if text[0].isdigit():
        return parse_arabic(text)
    whole, _, decimals = text.partition("点")
    value = parse_chinese(whole)
    if value is None or not decimals:
        return value
    digits = "".join(str(int(parse_chinese(d) or 0)) for d in decimals)
    return float(f"{int(value)}.{digits}")


def _shares_in_words(norm: str, start: int, end: int, marks: Layout) -> list[Hit]:
    hits = []
    for match in _SPOKEN_PERCENT.finditer(norm, start, end):
        value = _number(match["number"])
        if value is not None and not marks.quoted[match.start()]:
            hits.append(_share(match, value))
    for match in _FRACTION.finditer(norm, start, end):
        num, den = _number(match["num"]), _number(match["den"])
        if num and den and num < den and not marks.quoted[match.start()]:
            hits.append(_share(match, 100 * num / den))
    return hits


def _share(match: re.Match[str], value: float) -> Hit:
    comparator = lx.SUFFIX_COMPARATORS.get((match["suffix"] or "").strip())
    return Hit(match.start(), match.end(), value, "%", "percent", comparator)


def _start(hit: Hit) -> int:
    return hit.start


def _counts_a_population(norm: str, hit: Hit, later: list[Hit], clause_end: int) -> bool:
    """员工100人以上企业10家: a count with 以上 glued to a noun, counted again before the next 、."""
    if hit.category != "count" or not norm[hit.start : hit.end].rstrip().endswith(("以上", "以下")):
        return False
    if _THRESHOLD_AFTER.match(norm[hit.end : clause_end]) is None or not later:
        return False
    return "、" not in norm[hit.end : later[0].start]


def _hit(norm: str, match: re.Match[str], marks: Layout) -> Hit | None:
    number_start = match.start()
    unit = match["unit"]
    if marks.quoted[number_start] or _NOT_AFTER.search(norm, max(0, number_start - 3), number_start):
        return None
    if match["unit"] not in lx.PERCENT_UNITS and _SET_SIZE_AFTER.search(
        norm, max(0, number_start - 3), number_start
    ):
        return None  # 全区12个街道 is a set that exists; 全市60%以上的财力 is a share
    unit_end = match.end("per") if match["per"] else match.end("unit")
    if _NOT_BEFORE.match(norm, unit_end) or _unit_starts_a_word(norm, unit, unit_end):
        return None
    value, magnitude = _value(match)
    high = None
    if match["low"] is not None:
        high, value = value, parse_arabic(match["low"])
        if value is not None and match["magnitude"] in FOLDED_MAGNITUDES:
            value *= FOLDED_MAGNITUDES[match["magnitude"]]
        if high is not None and value is not None and high <= value:
            high = None  # not a range from low to high (2025-2026年 is caught as years before this)
    category = _UNIT_CATEGORY[unit]
    if value is None or not _licensed(norm, match, value, category):
        return None
    suffix = (match["suffix"] or "").strip()
    comparator = lx.SUFFIX_COMPARATORS.get(suffix) or (
        ">=" if match["approx"] or match["approx_after"] or match["approx_inner"] or match["low"] else None
    )
    if unit == "成":
        return Hit(number_start, match.end(), value * 10, "%", "percent", comparator, high=high and high * 10)
    unit = lx.UNIT_ALIASES.get(unit, unit) + (match["per"] or "")
    return Hit(number_start, match.end(), value, magnitude + unit, category, comparator, high=high)


def _value(match: re.Match[str]) -> tuple[float | None, str]:
    if match["arabic"] is not None:
        value = parse_arabic(match["arabic"])
        magnitude = match["magnitude"] or ""
        if magnitude in FOLDED_MAGNITUDES and value is not None:
            return value * FOLDED_MAGNITUDES[magnitude], ""
        return value, magnitude
    chinese = match["chinese"]
    numeral, magnitude = split_magnitude("一" + chinese if chinese in ("百", "千", "万") else chinese)
    return parse_chinese(numeral), magnitude


def _unit_starts_a_word(norm: str, unit: str, after: int) -> bool:
    following = norm[after : after + 1]
    return bool(following) and following in lx.NOT_AFTER_UNIT.get(unit, "")


def _licensed(norm: str, match: re.Match[str], value: float, category: Category) -> bool:
    before = norm[max(0, match.start() - 4) : match.start()]
    if (category == "time" or match["unit"] in lx.GAUGE_UNITS) and not (
        lx.SETTING_VERBS.search(before)
        or (lx.RAISING_VERB.search(before) and _CLAUSE_END_AFTER.match(norm, match.end()))
    ):
        return False  # 人均预期寿命提高0.3岁 sets an age; 提高60岁以上老年人补贴 does not
    if match["unit"] in ("位", "名") and _RANK_BEFORE.search(norm, max(0, match.start() - 8), match.start()):
        return False  # 排名前移5位 is a rank, not people
    if match["unit"] == "成" and not 1 <= value <= 10:
        return False
    if match["unit"] == "年" and not 0 < value < 100:
        return False  # 达到11.5年 (years of schooling), never a calendar year
    if match["chinese"] is None:
        return True
    if match["chinese"] in ("百", "千", "万"):
        return True  # only ever read before 余/多: 千余人次
    if match["unit"] == "成" and _TENTHS_LICENCE.search(before):
        return True
    whole = parse_chinese(match["chinese"]) or 0.0  # with its magnitude: 一万 is 10000
    if whole <= 1:  # 一 is an article far more often than a count: 一批, 一件事, 一村一品
        return whole == 1 and _ONE_LICENCE.search(before) is not None
    if whole >= 10 and match["unit"] != "成":
        return True
    return bool(_SMALL_CHINESE_LICENCE.search(before) or match["suffix"])


def is_threshold(norm: str, hit: Hit, clause_end: int) -> bool:
    """A measure that qualifies a noun (5亿元以上项目, 年产10万吨再生铝项目) defines a population, not a target.

    Shares are decided once the later numbers are known (_share_of_a_population).
    """
    if hit.category != "measure":
        return False
    after = norm[hit.end : clause_end]
    if _THRESHOLD_AFTER.match(after) is not None and _qualifies_noun(norm, hit, after):
        return True
    # 总投资80亿元、年产值100亿元的新能源项目: a size listed before another size that qualifies a noun.
    chained = _CHAINED_SIZE.match(after)
    if chained is None or _SIZE_BEFORE.search(norm, max(0, hit.start - 5), hit.start) is None:
        return False
    following = _QUANTITY.match(norm, hit.end + chained.end())
    if following is None or following["unit"] not in lx.MEASURE_UNITS:
        return False
    rest = norm[following.end() : clause_end]
    return re.match(r"\s*(?:以上|以下)?\s*的", rest) is not None or (
        following.group().rstrip().endswith(("以上", "以下")) and _NOUN_AFTER_SIZE.match(rest) is not None
    )


# Words that give the size of what follows (年产10万吨…项目, 总投资50亿元项目, 产值超10亿元企业).
_SIZE_BEFORE = re.compile(
    r"(?:年产能?|年处理|日处理|总投资|占地(?:面积)?|建筑面积|总规模|年产值|产值|年营收|营业收入|年纳税|超过|超|逾)\s*$"
)
_CHAINED_SIZE = re.compile(r"\s*、\s*[^\d、,;:。!?]{1,6}?(?=\d)")


def _qualifies_noun(norm: str, hit: Hit, after: str) -> bool:
    """以上/以下/的 right after the measure, or a measure glued to a noun after a size word (超亿元企业)."""
    text = norm[hit.start : hit.end]
    if re.match(r"\s*的", after) or text.rstrip().endswith(("以上", "以下")):
        return True
    return (
        _SIZE_BEFORE.search(norm, max(0, hit.start - 5), hit.start) is not None
        and _NOUN_AFTER_SIZE.match(after) is not None
    )


# A noun, not a verb or a clause, after a size: 再生铝项目, 企业 (but not 大关, 建设, 以上).
_NOUN_AFTER_SIZE = re.compile(r"\s*(?![大建完实达用投新增以])[\u4e00-\u9fff]")
