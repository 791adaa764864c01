"""Fit the cells of one row to the table's columns when extraction lost or added cells.

Each cell gets a kind from its content (a number, a sentence, a list of units, person names, a date …);
a small dynamic programme then assigns cells to columns in order at the least cost: a kind that fits its
column costs nothing, a column left empty or an empty cell too many costs a little, a cell that has to
be joined onto the cell before it costs more. What had to be repaired comes back as notes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from taskdoc.issues import Note, note
from taskdoc.lexicon import SENTENCE_END, heading_level, looks_like_deadline, parse_seq
from taskdoc.model import ColumnRole
from taskdoc.normalize import fold
from taskdoc.units import is_person_name, is_unit_like, split_leaders, split_units

EMPTY, SEQ, HEADING, TEXT, UNITS, PERSONS, DEADLINE, OTHER = (
    "empty",
    "seq",
    "heading",
    "text",
    "units",
    "persons",
    "deadline",
    "other",
)

_FIT: dict[ColumnRole | None, dict[str, float]] = {
    "seq": {SEQ: 0.0, EMPTY: 0.1},
    "text": {TEXT: 0.0, OTHER: 0.5, HEADING: 1.5, EMPTY: 1.0, UNITS: 2.5, DEADLINE: 2.5, PERSONS: 3.0},
    "lead_units": {UNITS: 0.0, EMPTY: 0.2, OTHER: 1.5, PERSONS: 2.5, TEXT: 3.0, DEADLINE: 3.0},
    "co_units": {UNITS: 0.0, EMPTY: 0.2, OTHER: 1.5, PERSONS: 2.5, TEXT: 3.0, DEADLINE: 3.0},
    "group": {TEXT: 0.0, OTHER: 0.0, HEADING: 0.5, EMPTY: 0.2, UNITS: 2.5},
    "leaders": {PERSONS: 0.0, EMPTY: 0.2, OTHER: 1.5, UNITS: 3.0, TEXT: 3.5},
    "deadline": {DEADLINE: 0.0, EMPTY: 0.2, OTHER: 1.0, TEXT: 2.0},
    None: {EMPTY: 0.0},
}
_MISFIT = 4.0
_UNKNOWN_COLUMN = 0.5
_SKIP_COLUMN = 1.0
_SKIP_UNREAD_COLUMN = 0.3  # a progress or remark cell left out costs little: taskdoc does not read it
_DROP_EMPTY = 0.6
_JOIN_SAME_KIND = 1.5
_JOIN_UNITS = 1.0
# Between a lead and a co-unit column, an extra unit cell more likely continues the co-units: the
# lead column names one unit far more often than the co-unit column does.
_CO_UNITS_LEAN = 0.05


@functools.lru_cache(maxsize=8192)
def kind_of(cell: str) -> str:
    text = cell.strip()
    if not text:
        return EMPTY
    if parse_seq(text) is not None:
        return SEQ
    level = heading_level(text)
    if level is not None and level <= 2:
        return HEADING
    if looks_like_deadline(text):
        return DEADLINE
    folded = fold(text)
    if any(ch in folded for ch in SENTENCE_END):
        return TEXT
    units = split_units(text).names
    if units and sum(is_unit_like(u) for u in units) * 2 >= len(units) and max(map(len, units)) <= 20:
        return UNITS
    names, _ = split_leaders(text)
    if names and all(is_person_name(n) for n in names):
        return PERSONS
    return TEXT if len(folded) >= 12 or "," in folded else OTHER


def fit(kind: str, role: ColumnRole | None) -> float:
    if role is None and kind != EMPTY:
        return _UNKNOWN_COLUMN
    return _FIT[role].get(kind, _MISFIT)


@dataclass(frozen=True)
class Alignment:
    """For each cell, the column it goes to (None: an empty cell dropped); notes on the repairs."""

    columns: tuple[int | None, ...]
    notes: tuple[Note, ...]


def align(cells: Sequence[str], roles: Sequence[ColumnRole | None]) -> Alignment:
    kinds = [kind_of(c) for c in cells]
    n, m = len(cells), len(roles)
    inf = float("inf")
    # cost[i][j]: best cost having placed cells[:i] into columns[:j]; moves remember how we got there.
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[str, int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            if j < m:
                skip = _SKIP_UNREAD_COLUMN if roles[j] is None else _SKIP_COLUMN
                _relax(cost, move, i, j + 1, value=here + skip, how=("skip", i, j))
            if i < n and j < m:
                _relax(cost, move, i + 1, j + 1, value=here + fit(kinds[i], roles[j]), how=("put", i, j))
            if i < n and kinds[i] == EMPTY:
                _relax(cost, move, i + 1, j, value=here + _DROP_EMPTY, how=("drop", i, j))
            elif i < n and j > 0:
                extra = _JOIN_SAME_KIND if fit(kinds[i], roles[j - 1]) == 0 else _MISFIT
                if kinds[i] == UNITS and roles[j - 1] in ("lead_units", "co_units"):
                    extra = _JOIN_UNITS  # a unit cell prints one unit per line
                if roles[j - 1] == "co_units":
                    extra -= _CO_UNITS_LEAN
                _relax(cost, move, i + 1, j, value=here + extra, how=("join", i, j))
    return _trace(move, cells, n, m)


def _relax(
    cost: list[list[float]],
    move: list[list[tuple[str, int, int] | None]],
    i: int,
    j: int,
    *,
    value: float,
    how: tuple[str, int, int],
) -> None:
    if value < cost[i][j]:
        cost[i][j] = value
        move[i][j] = how


def _trace(move: list[list[tuple[str, int, int] | None]], cells: Sequence[str], n: int, m: int) -> Alignment:
    columns: list[int | None] = [None] * n
    notes: list[Note] = []
    i, j = n, m
    while (i, j) != (0, 0):
        how = move[i][j]
        assert how is not None  # noqa: S101 -- narrows the type: the trace walks back over filled cells only
        action, pi, pj = how
        if action == "put":
            columns[pi] = pj
        elif action == "join":
            columns[pi] = pj - 1
            notes.append(note("cell_joined", text=cells[pi].strip()[:20]))
        elif action == "drop":
            notes.append(note("empty_cell_ignored"))
        i, j = pi, pj
    return Alignment(tuple(columns), tuple(reversed(notes)))
