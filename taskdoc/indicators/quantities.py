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
_CHINESE = r"(?<![零〇一二两三四五六七八九十百千万亿第])(?P<chinese>[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)"
# A range (6%—7%, 5000-6000人) is read as its lower bound with >=.
_RANGE_LOW = r"(?:(?<![\d.A-Za-z])(?P<low>\d+(?:\.\d+)?)\s*%?\s*[-—~～至到]\s*)?"
_QUANTITY = re.compile(
    r"(?:"
    + _RANGE_LOW
    + _ARABIC
    + r"\s*(?P<approx_inner>余|多)?(?P<magnitude>万亿|千万|百万|万|亿|千|百)?|"
    + _CHINESE
    + r")"
    r"(?P<approx>余|多)?\s*(?P<unit>" + lx.alternation(tuple(_UNIT_CATEGORY)) + r")"
    r"(?P<per>/(?:日|天|年|小时|月))?(?P<approx_after>余|多)?"
    r"(?P<suffix>\s*(?:" + lx.alternation(tuple(lx.SUFFIX_COMPARATORS)) + r"))?"
)
# Before a number: an ordinal, a rank, a rate's base (每万人), a programme's digit (1+N, 5G+AI), or the
# size of a set that exists already (全区12个街道, 在8个镇试点).
_NOT_AFTER = re.compile(
    r"(?:第|前|后|每|排名|位列|[+×*/\-—~]|全区|全市|全县|全省|全镇|辖区|所有|(?<!保持|稳定|控制|维持)在)\s*$"
)
_NOT_BEFORE = re.compile(r"\s*[+×*/]")
# Small Chinese numbers are labels (两项补贴, 八项规定) unless a comparator or a creating verb stands before.
_SMALL_CHINESE_LICENCE = re.compile(
    r"(?:"
    + lx.alternation(tuple(lx.PREFIX_COMPARATORS))
    + r"|新增|新建|建成|引进|培育|开工|竣工|达到|达|占)\s*$"
)
_RANK_BEFORE = re.compile(r"排名|位次|名次|前移|进位|跃升|上升")
# 一 counts only right after a verb that creates what it counts (新建一所学校).
_ONE_LICENCE = re.compile(r"(?:新增|新建|建成|引进|培育|新设)\s*$")
# A number without a unit is a target only when a verb sets it and nothing follows (指数控制在1.8以下).
_UNITLESS = re.compile(
    r"(?P<verb>达到|达|控制在|保持在|稳定在|提升至|提升到|提高至|提高到|降至|下降至|下降到|不低于|不超过|低于|高于|突破|超过)"
    r"\s*(?P<arabic>\d+(?:\.\d+)?)(?![\d.])(?P<suffix>\s*(?:以上|以下|以内|左右))?(?=\s*(?:$|[,;:。!?、]))"
)
# After a measure or a share: 以上 + noun, or 的 + noun, only says what is counted (5亿元以上项目, 超50万元的行政村).
_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:以上|以下|及以上)?\s*(?:的(?!目标|任务|水平|增速|增幅|增长)|[^\s、,;:。!?和及与并或等的)）”\"])"
)


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


def find_quantities(norm: str, start: int, end: int, marks: Layout) -> list[Hit]:
    """The numbers with a unit between start and end that may be targets."""
    hits = []
    for match in _QUANTITY.finditer(norm, start, end):
        hit = _hit(norm, match, marks)
        if hit is not None and not is_threshold(norm, hit, end):
            hits.append(hit)
    for match in _UNITLESS.finditer(norm, start, end):
        value = parse_arabic(match["arabic"])
        if value is not None and not marks.quoted[match.start("arabic")]:
            suffix = (match["suffix"] or "").strip()
            comparator = lx.SUFFIX_COMPARATORS.get(suffix)
            hits.append(Hit(match.start("arabic"), match.end(), value, None, "measure", comparator))
    hits.sort(key=lambda hit: hit.start)
    return [hit for i, hit in enumerate(hits) if not _counts_a_population(norm, hit, hits[i + 1 :], end)]


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
    unit_end = match.end("per") if match["per"] else match.end("unit")
    if _NOT_BEFORE.match(norm, unit_end) or _unit_starts_a_word(norm, unit, unit_end):
        return None
    value, magnitude = _value(match)
    if match["low"] is not None:
        value = parse_arabic(match["low"])
    category = _UNIT_CATEGORY[unit]
    if value is None or not _licensed(norm, match, value, category):
        return None
    suffix = (match["suffix"] or "").strip()
    comparator = lx.SUFFIX_COMPARATORS.get(suffix) or (
        ">=" if match["approx"] or match["approx_after"] or match["approx_inner"] or match["low"] else None
    )
    if unit == "成":
        return Hit(number_start, match.end(), value * 10, "%", "percent", comparator)
    unit = lx.UNIT_ALIASES.get(unit, unit) + (match["per"] or "")
    return Hit(number_start, match.end(), value, magnitude + unit, category, comparator)


def _value(match: re.Match[str]) -> tuple[float | None, str]:
    if match["arabic"] is not None:
        value = parse_arabic(match["arabic"])
        magnitude = match["magnitude"] or ""
        if magnitude in FOLDED_MAGNITUDES and value is not None:
            return value * FOLDED_MAGNITUDES[magnitude], ""
        return value, magnitude
    numeral, magnitude = split_magnitude(match["chinese"])
    return parse_chinese(numeral), magnitude


def _unit_starts_a_word(norm: str, unit: str, after: int) -> bool:
    following = norm[after : after + 1]
    return bool(following) and following in lx.NOT_AFTER_UNIT.get(unit, "")


def _licensed(norm: str, match: re.Match[str], value: float, category: Category) -> bool:
    before = norm[max(0, match.start() - 4) : match.start()]
    if (category == "time" or match["unit"] in lx.GAUGE_UNITS) and not lx.SETTING_VERBS.search(before):
        return False
    if match["unit"] in ("位", "名") and _RANK_BEFORE.search(norm, max(0, match.start() - 8), match.start()):
        return False  # 排名前移5位 is a rank, not people
    if match["unit"] == "成" and not 1 <= value <= 10:
        return False
    if match["chinese"] is None:
        return True
    whole = parse_chinese(match["chinese"]) or 0.0  # with its magnitude: 一万 is 10000
    if whole <= 1:  # 一 is an article far more often than a count: 一批, 一件事, 一村一品
        return whole == 1 and _ONE_LICENCE.search(before) is not None
    if whole >= 10 and match["unit"] != "成":
        return True
    return bool(_SMALL_CHINESE_LICENCE.search(before) or match["suffix"])


def is_threshold(norm: str, hit: Hit, clause_end: int) -> bool:
    """A measure or share that qualifies a noun (5亿元以上项目) defines a population, not a target."""
    if hit.category not in ("measure", "percent"):
        return False
    after = norm[hit.end : clause_end]
    if hit.category == "percent":
        return bool(re.match(r"\s*的(?!目标|任务|水平|增速|增幅|增长)", after))
    return _THRESHOLD_AFTER.match(after) is not None and _qualifies_noun(norm, hit, after)


def _qualifies_noun(norm: str, hit: Hit, after: str) -> bool:
    """以上/以下/的 right after the measure, or a measure glued to a noun after 超 (超亿元企业)."""
    text = norm[hit.start : hit.end]
    return bool(re.match(r"\s*的", after)) or text.rstrip().endswith(("以上", "以下"))
