"""Names of measured quantities: the words around a number, without verbs, comparators and time words."""

from __future__ import annotations

import re

from taskdoc.indicators import lexicon as lx
from taskdoc.indicators.text import Layout, items

_WHITESPACE = re.compile(r"\s+")
_LEADING = (lx.LEADING_TIME, lx.LEADING_ACTION)


def clean(raw: str) -> str:
    """The name in raw: spaces removed, leading time words and commitment verbs and trailing marks dropped."""
    name = lx.LEADING_PUNCT.sub("", _WHITESPACE.sub("", raw))
    previous = None
    while name != previous:
        previous = name
        for pattern in _LEADING:
            name = pattern.sub("", name, count=1)
    return lx.TRAILING_PUNCT.sub("", lx.TRAILING_BASE.sub("", name))


def starts_with_verb(raw: str) -> bool:
    """Does the item start with a verb, commitment or kept (力争…, 推动…, 新增…)?"""
    stripped = lx.LEADING_PUNCT.sub("", _WHITESPACE.sub("", raw))
    return bool(lx.STARTS_WITH_ACTION.match(stripped) or lx.KEPT_VERB_AT_START.match(stripped))


def kept_verb(raw: str) -> str:
    """The verb that defines what is counted at the front of raw after commitments (建成, 新增), or ''."""
    name = clean(raw)
    match = lx.KEPT_VERB_AT_START.match(name)
    return match.group(0) if match else ""


def is_bare_kept_verb(name: str) -> bool:
    return bool(name) and lx.KEPT_VERB_AT_START.fullmatch(name) is not None


def stem(name: str) -> str:
    """The subject of a name without its trailing kept verb: 重点项目开工 → 重点项目."""
    return lx.KEPT_VERB_AT_END.sub("", name)


def shared_subjects(
    norm: str, start: int, end: int, marks: Layout, *, conjunctions: bool
) -> list[tuple[int, int]]:
    """The coordinated subjects that share one predicate, right to left until an item opens with a verb.

    In 力争外贸进出口总额、实际利用外资年均增长5%以上 both items share the rate; in
    深化改革、推动全区生产总值增长5% only the last does, because 推动 opens a new action.
    """
    chosen: list[tuple[int, int]] = []
    for s, e in reversed(items(norm, start, end, marks, conjunctions=conjunctions)):
        chosen.insert(0, (s, e))
        if starts_with_verb(norm[s:e]) or lx.LEADING_TIME.match(norm[s:e].strip()):
            break
    return chosen


def follow_region(norm: str, start: int, stop: int, marks: Layout) -> tuple[int, int]:
    """Where the name after a count ends (培育6家链主企业, 建设…等4个城市绿地“氧吧”).

    An enumeration with 等 inside the name is kept whole (用于教育、医疗、养老、托幼等领域建设); a
    trailing item ending in 等 lists examples of the next count and is left to it.
    """
    while start < stop and norm[start].isspace():
        start += 1
    if start < stop and norm.startswith("的", start):
        start += 1
    parts = items(norm, start, stop, marks, conjunctions=False)
    while parts and norm[parts[-1][0] : parts[-1][1]].rstrip().endswith("等"):
        parts.pop()
    if not parts:
        return start, start
    end = parts[-1][1] if len(parts) > 1 and "等" in norm[parts[-1][0] : parts[-1][1]] else parts[0][1]
    trailing = lx.FOLLOW_TRAILING.search(norm, start, end)
    return start, trailing.start() if trailing else end


def span_start(norm: str, start: int, end: int) -> int:
    """The first character of a region that isn't punctuation or a conjunction."""
    match = lx.LEADING_PUNCT.match(norm[start:end])
    return start + match.end() if match else start
