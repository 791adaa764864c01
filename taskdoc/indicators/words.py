"""Targets written in words: 翻一番, 倍增, 两位数增长, and the qualitative ones (全覆盖, 稳定达标, 基本同步)."""

from __future__ import annotations

import re
from collections.abc import Callable

from taskdoc.indicators.numbers import parse_chinese
from taskdoc.indicators.quantities import Hit
from taskdoc.model import Comparator

_BOUNDARY = r"(?=$|[\s,;:。!?、)”\"])"
_MULTIPLE = re.compile(
    r"[“\"]?(?:翻\s*(?P<times>[一二两三四1-4])\s*番|(?P<fan>翻番)|(?P<double>倍增)(?:式(?:增长|发展))?"
    r"|(?:增长|提高|提升|增加)\s*(?P<grow>\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*倍(?![数率])"
    r")[”\"]?(?P<suffix>以上)?"
)
_DOUBLE_NOT_BEFORE = re.compile(r"计划|行动|工程|项目|战略|机制|效应|工作")
_TWO_DIGITS = re.compile(
    r"(?:[“\"]?[两双]位数[”\"]?(?P<s1>以上)?的?\s*(?:增长|增幅)"
    r"|(?:增长|增幅|增速)\s*(?:达到?|保持在?)?\s*[“\"]?[两双]位数[”\"]?(?P<s2>以上)?)"
)
_FULL_COVERAGE = re.compile(r"(?P<approx>基本)?(?:实现)?全覆盖" + _BOUNDARY)
_UP_TO_STANDARD = re.compile(r"(?P<mod>稳定|全面|全部|持续|基本|100%)?达标" + _BOUNDARY)
_IN_STEP = re.compile(r"(?:与|和|同)[^,;。、]{1,15}?(?P<approx>基本)?同步" + _BOUNDARY)
# The quotas a higher level assigns and checks (节能减排, 耕地保护, 粮食生产, 用水总量).
_QUOTA_AREAS = r"(?:节能|减排|降碳|能耗|碳排放|双控|污染物|约束性|耕地保护|粮食生产|粮食安全|用水总量|水资源)"
_QUOTA_TASK = re.compile(
    r"完成(?:[^,;。]{0,10}?下达的?)?(?P<name>[^,;。、]{0,12}?" + _QUOTA_AREAS + r"[^,;。、]{0,10}?任务)"
    r"|完成(?:省|市|区|县|上级|国家|省市)*下达的(?P<named>[^,;。、\d]{2,12}?(?:任务|目标|指标))" + _BOUNDARY
)
# 主要污染物排放总量完成市下达任务: the quota is named before 完成.
_ASSIGNED_QUOTA = re.compile(
    r"完成(?:省|市|区|县|上级|国家|省市)*下达的?(?:目标任务|任务|目标|指标)" + _BOUNDARY
)
# 企业信用评级保持AA+级: the grade is said after the rating's name.
_GRADE_AFTER = re.compile(
    r"(?<=等级|评级)\s*(?:保持在?|达到|为|获评|稳定在|提升至|提升到)?\s*A{2,5}[+\-]?\s*级?" + _BOUNDARY
)
_GRADE = re.compile(
    r"(?<![A-Za-z])A{2,5}[+\-]?\s*级?\s*(?P<name>主体信用等级|信用等级|资信等级|信用评级|评级|等级)"
)


def find_word_targets(norm: str, start: int, end: int) -> list[Hit]:
    """The targets written without digits between start and end; where two overlap the first found wins."""
    hits: list[Hit] = []
    for finder in _FINDERS:
        for hit in finder(norm, start, end):
            if not any(h.start < hit.end and hit.start < h.end for h in hits):
                hits.append(hit)
    return hits


def _multiples(norm: str, start: int, end: int) -> list[Hit]:
    hits = []
    for m in _MULTIPLE.finditer(norm, start, end):
        if m["double"] and _DOUBLE_NOT_BEFORE.match(norm, m.end()):
            continue  # 倍增计划 is a programme's name
        value = _multiple_value(m)
        if value is not None:
            comparator: Comparator | None = ">=" if m["suffix"] else None
            hits.append(Hit(m.start(), m.end(), value, "倍", "multiple", comparator, kind="multiple"))
    return hits


def _multiple_value(m: re.Match[str]) -> float | None:
    if m["times"]:
        times = parse_chinese(m["times"]) if not m["times"].isdigit() else float(m["times"])
        return None if times is None else 2.0**times
    if m["grow"]:
        grow = float(m["grow"]) if m["grow"][0].isdigit() else parse_chinese(m["grow"])
        return None if grow is None else grow + 1
    return 2.0


def _two_digits(norm: str, start: int, end: int) -> list[Hit]:
    return [
        Hit(m.start(), m.end(), 10.0, "%", "percent", ">=", kind="growth_rate")
        for m in _TWO_DIGITS.finditer(norm, start, end)
    ]


def _qualitative(norm: str, start: int, end: int) -> list[Hit]:
    hits = []
    for pattern in (_QUOTA_TASK, _GRADE):
        for m in pattern.finditer(norm, start, end):
            name = m.span("name") if m["name"] is not None else m.span("named")
            hits.append(Hit(m.start(), m.end(), None, None, "qualitative", None, "qualitative", name))
    for pattern in (_FULL_COVERAGE, _UP_TO_STANDARD, _IN_STEP, _ASSIGNED_QUOTA, _GRADE_AFTER):
        for m in pattern.finditer(norm, start, end):
            approx = m.groupdict().get("approx") or m.groupdict().get("mod") == "基本"
            hits.append(
                Hit(m.start(), m.end(), None, None, "qualitative", "~" if approx else None, "qualitative")
            )
    return hits


_FINDERS: tuple[Callable[[str, int, int], list[Hit]], ...] = (_multiples, _two_digits, _qualitative)
