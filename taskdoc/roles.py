"""Column roles from what the cells hold, for a table printed without a header row.

Each column takes the kind most of its cells have (a row number, a task sentence, unit names, person
names, a deadline); the first unit column leads and a second one co-operates. Header words are only a
hint elsewhere; here there are none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from taskdoc.align import DEADLINE, PERSONS, SEQ, TEXT, UNITS, kind_of
from taskdoc.grid import Item
from taskdoc.header import Header
from taskdoc.model import ColumnRole

_MIN_ROWS = 2
_MIN_CELLS = 3
_SHARE = 0.6


def unheaded(items: Sequence[Item]) -> tuple[int, Header] | None:
    """(index of the first row, a Header with empty names) when the rows read as a task table."""
    rows = [
        (i, item) for i, item in enumerate(items) if isinstance(item, tuple) and _filled(item) >= _MIN_CELLS
    ]
    numbered = [(i, row) for i, row in rows if kind_of(row[0]) == SEQ]
    if len(numbered) < _MIN_ROWS:
        return None
    width = max(len(row) for _, row in numbered)
    kinds = [_column_kind([row[c] for _, row in numbered if c < len(row)]) for c in range(width)]
    roles = _roles(
        kinds, [_average_length([row[c] for _, row in numbered if c < len(row)]) for c in range(width)]
    )
    if "text" not in roles or "lead_units" not in roles:
        return None
    return numbered[0][0], Header(("",) * width, tuple(roles))


def _filled(row: tuple[str, ...]) -> int:
    return sum(1 for cell in row if cell.strip())


def _column_kind(cells: Sequence[str]) -> str | None:
    found = Counter(kind_of(c) for c in cells if c.strip())
    if not found:
        return None
    kind, count = found.most_common(1)[0]
    return kind if count >= _SHARE * sum(found.values()) else None


def _average_length(cells: Sequence[str]) -> float:
    filled = [len(c.strip()) for c in cells if c.strip()]
    return sum(filled) / len(filled) if filled else 0.0


def _roles(kinds: Sequence[str | None], lengths: Sequence[float]) -> list[ColumnRole | None]:
    texts = [i for i, k in enumerate(kinds) if k == TEXT]
    task = max(texts, key=lambda i: lengths[i]) if texts else None
    roles: list[ColumnRole | None] = []
    units_seen = 0
    for i, kind in enumerate(kinds):
        if kind == SEQ and i == 0:
            roles.append("seq")
        elif i == task:
            roles.append("text")
        elif kind == UNITS and units_seen < _MIN_ROWS:
            roles.append("lead_units" if units_seen == 0 else "co_units")
            units_seen += 1
        elif kind == PERSONS and "leaders" not in roles:
            roles.append("leaders")
        elif kind == DEADLINE and "deadline" not in roles:
            roles.append("deadline")
        else:
            roles.append(None)
    return roles
