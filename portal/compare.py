"""The same task across districts and years: task texts compared after normalising (pure; no Django).

A text is folded (full-width → half-width, Traditional → Simplified, taskdoc.normalize), stripped of digits,
punctuation and a leading 全区/区/市/县, then compared with rapidfuzz's ratio: "全区生产总值增长5.5%左右" and
"地区生产总值增长6%" are the same task in two districts; so is this year's task and last year's (carry-over).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from taskdoc.normalize import fold, squash

THRESHOLD = 80  # rapidfuzz ratio (0-100) from which two texts are the same task
_NOT_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")
_PREFIX = re.compile(r"^(全区|全市|全县|全镇|我区|我市|我县|地区|区|市|县)")


def normalise(text: str) -> str:
    """The words of a task text that say what it is, without numbers, punctuation or the region's prefix."""
    return _PREFIX.sub("", _NOT_WORD.sub("", fold(squash(text))))


@dataclass(frozen=True)
class Entry:
    id: int  # the task
    place: int  # the district (region) the task belongs to
    text: str  # normalised


def similar(text: str, entries: Sequence[Entry], *, exclude: int | None = None) -> list[tuple[Entry, float]]:
    """The entries whose text matches `text`, best first (the entry `exclude` left out)."""
    key = normalise(text)
    if not key:
        return []
    choices = {i: e.text for i, e in enumerate(entries) if e.id != exclude}
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=None)
    return [(entries[i], score) for _text, score, i in found]


def _root(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def groups(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Entries of different districts that are the same task, grouped (each group spans two districts or
    more), in the order of their first entry."""
    parent = {i: i for i in range(len(entries))}
    for i, entry in enumerate(entries):
        if not entry.text:
            continue
        later = {j: entries[j].text for j in range(i + 1, len(entries)) if entries[j].place != entry.place}
        for _text, _score, j in process.extract(
            entry.text, later, scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=None
        ):
            parent[_root(parent, j)] = _root(parent, i)
    members: dict[int, list[Entry]] = {}
    for i, entry in enumerate(entries):
        members.setdefault(_root(parent, i), []).append(entry)
    return [g for _root_id, g in sorted(members.items()) if len({e.place for e in g}) > 1]
