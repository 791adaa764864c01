"""What the layout readers hand to the common finishing step: raw rows and headings, still as printed."""

from __future__ import annotations

from dataclasses import dataclass, field

from taskdoc.issues import Note
from taskdoc.model import ColumnRole


@dataclass(frozen=True)
class RawRow:
    """One task row as printed: the seq cell, the task cell and the other cells by role."""

    seq: str
    text: str
    cells: tuple[tuple[ColumnRole, str], ...] = ()
    notes: tuple[Note, ...] = ()
    group: str = ""  # the key work this row belongs to, when a column names it
    first_leads: bool = False  # a note at or before this row said the first-listed unit leads

    def cell(self, role: ColumnRole) -> str:
        return "\n".join(value for r, value in self.cells if r == role)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


Entry = RawRow | Heading


@dataclass(frozen=True)
class Table:
    """A table read from the document: its header, rows and headings in order, and what surrounded it."""

    columns: tuple[str, ...]
    roles: tuple[ColumnRole | None, ...]
    entries: tuple[Entry, ...]
    before: tuple[str, ...] = ()  # text printed before the table (the notice, the table title)
    after: tuple[str, ...] = ()  # text printed after it (signature, print line)
    notes: tuple[Note, ...] = field(default=())  # document-level notes
    first_unit_leads: bool = False
