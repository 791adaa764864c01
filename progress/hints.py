"""Quality hints on a report's text, for the liaison while writing and for the reviewer: pure rules, no
Django. A hint is a remark, never a score and never a reason to refuse a report (RULES.md rule 2).

- no_number: the task has indicators but the report gives no figure (in its text or its readings);
- boilerplate: the text is made of stock phrases (稳步推进, 有序开展 …) with nothing concrete left;
- copy: the text is (nearly) last period's text again;
- activities: the text lists activities (召开会议, 开展调研, 部署 …) and names no result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

BOILERPLATE = (
    "稳步推进",
    "有序开展",
    "有序推进",
    "扎实推进",
    "持续推进",
    "积极推进",
    "全力推进",
    "加快推进",
    "大力推进",
    "深入推进",
    "按计划推进",
    "进展顺利",
    "取得积极成效",
    "取得明显成效",
    "取得阶段性成效",
    "取得一定成效",
    "成效明显",
    "成效显著",
    "高度重视",
    "认真落实",
    "狠抓落实",
    "统筹推进",
    "强化措施",
    "各项工作",
    "相关工作",
)
ACTIVITIES = (
    "召开",
    "会议",
    "开展调研",
    "调研",
    "部署",
    "组织",
    "印发",
    "举办",
    "座谈",
    "督导",
    "研究",
    "动员",
    "培训",
    "走访",
    "对接",
    "协调",
)
RESULTS = (
    "完成",
    "达到",
    "增长",
    "下降",
    "建成",
    "实现",
    "新增",
    "竣工",
    "投产",
    "签约",
    "开工",
    "落地",
    "通过验收",
    "解决",
    "提高",
    "提升至",
    "累计",
)
# A figure: Arabic or full-width digits, or a Chinese number followed by a measure word.
_FIGURE = re.compile(
    r"[0-9０-９]|[一二两三四五六七八九十百千万亿]+(?:个|项|家|次|人|户|所|座|条|公里|亩|万元|亿元|元|件|场|批)"
)
_PUNCTUATION = re.compile(r"[\s\W_]+")
# Left over after the stock phrases, fewer characters than this is "nothing concrete".
CONCRETE_MIN_CHARS = 12
COPY_SIMILARITY = 90  # rapidfuzz ratio, 0–100
MIN_ACTIVITIES = 2


@dataclass(frozen=True)
class Hint:
    code: str  # "no_number", "boilerplate", "copy", "activities"
    found: tuple[str, ...] = ()  # the phrases that led to it, to show the person
    similarity: int = 0  # for "copy"


def has_figure(text: str) -> bool:
    return bool(_FIGURE.search(text))


def _found(text: str, phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases in the text; a phrase inside a longer one found already counts once."""
    hits: list[str] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase in text and not any(phrase in longer for longer in hits):
            hits.append(phrase)
    return tuple(p for p in phrases if p in hits)


def boilerplate_only(text: str) -> Hint | None:
    found = _found(text, BOILERPLATE)
    if not found or has_figure(text):
        return None
    rest = text
    for phrase in sorted(found, key=len, reverse=True):
        rest = rest.replace(phrase, "")
    if len(_PUNCTUATION.sub("", rest)) >= CONCRETE_MIN_CHARS:
        return None
    return Hint("boilerplate", found)


def copied(text: str, previous: str | None) -> Hint | None:
    if not previous or not text.strip():
        return None
    a, b = _PUNCTUATION.sub("", text), _PUNCTUATION.sub("", previous)
    similarity = round(fuzz.ratio(a, b))
    return Hint("copy", similarity=similarity) if similarity >= COPY_SIMILARITY else None


def activities_only(text: str) -> Hint | None:
    found = _found(text, ACTIVITIES)
    if len(found) < MIN_ACTIVITIES or any(r in text for r in RESULTS) or has_figure(text):
        return None
    return Hint("activities", found)


def report_hints(
    text: str, *, has_indicators: bool, readings_given: bool = False, previous_text: str | None = None
) -> list[Hint]:
    """Every hint for a report's text (empty text: none, the form asks for it anyway)."""
    if not text.strip():
        return []
    hints: list[Hint] = []
    if has_indicators and not readings_given and not has_figure(text):
        hints.append(Hint("no_number"))
    for hint in (boilerplate_only(text), copied(text, previous_text), activities_only(text)):
        if hint is not None:
            hints.append(hint)
    return hints
