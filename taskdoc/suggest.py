"""Which unit should lead a new task: learned from earlier plans as (task text, lead units) pairs.

A pure function of the pairs: the task texts most like the new one (character pairs weighted by how
rare they are) vote for their lead units, and a unit whose own name shares words with the task (教育局
and 学校 / 教育) gets a share too. Units are compared by taskdoc.unitnames, so 区发改局 learned from one
region counts for 发改局 in another.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from taskdoc.normalize import fold
from taskdoc.unitnames import unit_keys

_NOT_WORD = re.compile(r"[^\u4e00-\u9fff]+")
_NEIGHBOURS = 8
_NAME_WEIGHT = 0.6
# Words every unit name has; they say nothing about what a unit does.
_NAME_NOISE = frozenset(
    ("区委", "县委", "市委", "人民", "政府", "管理", "服务", "中心", "委员", "员会", "办公", "公室")
)


def _pairs(text: str) -> Counter[str]:
    chars = _NOT_WORD.sub(" ", fold(text))
    return Counter(a + b for part in chars.split() for a, b in pairwise(part))


def _key(name: str) -> str:
    """One comparable key per unit: the shortest of its keys (level prefix dropped, long form shortened)."""
    keys = unit_keys(name)
    return min(keys, key=lambda k: (len(k), k)) if keys else name


@dataclass(frozen=True)
class Suggester:
    docs: tuple[tuple[dict[str, float], tuple[str, ...]], ...]
    idf: dict[str, float]
    names: dict[str, str]  # unit key → the name it was printed with first
    name_words: dict[str, frozenset[str]]

    def suggest(self, text: str, *, limit: int = 3, units: Sequence[str] = ()) -> list[str]:
        """Up to `limit` unit names, best first; `units` (the region's own names) are preferred as printed."""
        query = self._vector(_pairs(text))
        scores: dict[str, float] = defaultdict(float)
        ranked = sorted(((self._cosine(query, vec), leads) for vec, leads in self.docs), reverse=True)
        for similarity, leads in ranked[:_NEIGHBOURS]:
            for key in leads:
                scores[key] += similarity
        words = set(_pairs(text))
        for key, own in self.name_words.items():
            if own & words:
                scores[key] += _NAME_WEIGHT * len(own & words) / len(own)
        local = {_key(u): u for u in units}
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [local.get(key, self.names[key]) for key, _score in best]

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vec = {w: c * self.idf.get(w, 0.0) for w, c in counts.items() if w in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    @staticmethod
    def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
        small, large = (a, b) if len(a) < len(b) else (b, a)
        return sum(v * large.get(w, 0.0) for w, v in small.items())


def learn(pairs: Iterable[tuple[str, Sequence[str]]]) -> Suggester:
    """A Suggester from earlier plans' (task text, lead units) pairs."""
    given = [(text, tuple(leads)) for text, leads in pairs if leads]
    rows = [(_pairs(text), tuple(dict.fromkeys(_key(u) for u in leads))) for text, leads in given]
    names: dict[str, str] = {}
    for _text, leads in given:
        for unit in leads:
            names.setdefault(_key(unit), unit)
    df: Counter[str] = Counter(w for counts, _ in rows for w in counts)
    idf = {w: math.log((1 + len(rows)) / (1 + n)) + 1 for w, n in df.items()}
    empty = Suggester((), idf, names, {})
    docs = tuple((empty._vector(counts), leads) for counts, leads in rows)
    name_words = {
        key: frozenset(w for w in _pairs(name) if w not in _NAME_NOISE) for key, name in names.items()
    }
    return Suggester(docs, idf, names, {k: v for k, v in name_words.items() if v})
