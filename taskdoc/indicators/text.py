"""Where the sentences, clauses and quoted names of a task text are. Offsets index the text itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_BRACKET_PAIRS = {"(": ")", "[": "]", "【": "】"}
# A quote or bracket that isn't closed within this many characters is a stray mark, not a name.
_MAX_ENCLOSED = 40
_SENTENCE_END = frozenset("。;!?\n")
_CLAUSE_END = frozenset(",:")


@dataclass(frozen=True)
class Layout:
    """Per character: inside quotes (a name: “1+N”, “135”) and inside quotes or brackets (don't split)."""

    quoted: tuple[bool, ...]
    enclosed: tuple[bool, ...]


def _closing(norm: str, start: int, closer: str) -> int:
    end = norm.find(closer, start + 1, start + 1 + _MAX_ENCLOSED)
    return end


def layout(norm: str) -> Layout:
    """Mark quoted and bracketed characters; the marks themselves count as inside."""
    quoted = [False] * len(norm)
    enclosed = [False] * len(norm)
    i = 0
    while i < len(norm):
        ch = norm[i]
        closer = _QUOTE_PAIRS.get(ch) or ('"' if ch == '"' else None)
        bracket = _BRACKET_PAIRS.get(ch)
        end = _closing(norm, i, closer or bracket or "") if (closer or bracket) else -1
        if end < 0:
            i += 1
            continue
        for j in range(i, end + 1):
            enclosed[j] = True
            if closer:
                quoted[j] = True
        i = end + 1 if closer else i + 1
    return Layout(tuple(quoted), tuple(enclosed))


def _split(
    norm: str, start: int, end: int, stops: frozenset[str], enclosed: tuple[bool, ...]
) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        ch = norm[i]
        if ch not in stops or enclosed[i] or _thousands_comma(norm, i):
            continue
        if i > begin:
            parts.append((begin, i))
        begin = i + 1
    if end > begin:
        parts.append((begin, end))
    return parts


def _thousands_comma(norm: str, i: int) -> bool:
    return (
        norm[i] == ","
        and i > 0
        and norm[i - 1].isdigit()
        and re.match(r"\d{3}(?!\d)", norm[i + 1 : i + 5]) is not None
    )


def sentences(norm: str, marks: Layout) -> list[tuple[int, int]]:
    """Sentence ranges: a target year said in a sentence holds to its end."""
    return _split(norm, 0, len(norm), _SENTENCE_END, marks.enclosed)


def clauses(norm: str, start: int, end: int, marks: Layout) -> list[tuple[int, int]]:
    """Clause ranges (split at commas and colons outside quotes and brackets)."""
    return _split(norm, start, end, _CLAUSE_END, marks.enclosed)


def items(norm: str, start: int, end: int, marks: Layout, *, conjunctions: bool) -> list[tuple[int, int]]:
    """Coordinated items: split at 、 (and at 和/及/与 when `conjunctions`) outside quotes and brackets."""
    stops = frozenset("、和及与") if conjunctions else frozenset("、")
    return _split(norm, start, end, stops, marks.enclosed)
