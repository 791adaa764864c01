"""What confirming a batch would change in its plan: rows added, changed, withdrawn, restored.

A pure comparison of two sets of task facts keyed by seq, so the preview, the confirm step and the
command line agree on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# The due date is set when a task is created and then belongs to the office (extensions), so a re-import
# neither compares nor overwrites it.
FIELDS = ("text", "section", "lead_units", "co_units", "leaders", "indicators")


@dataclass(frozen=True)
class TaskFacts:
    seq: int
    text: str
    section: tuple[str, ...]
    lead_units: tuple[str, ...]
    co_units: tuple[str, ...]
    leaders: tuple[str, ...]
    indicators: tuple[tuple[Any, ...], ...]
    due_date: dt.date
    active: bool = True

    def values(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in FIELDS}


@dataclass(frozen=True)
class Change:
    seq: int
    fields: dict[str, tuple[Any, Any]]  # field → (before, after)
    text: str


@dataclass
class PlanDiff:
    is_new_plan: bool
    added: list[int] = field(default_factory=list)
    restored: list[int] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)
    withdrawn_texts: dict[int, str] = field(default_factory=dict)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.restored or self.changed or self.withdrawn)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "restored": len(self.restored),
            "changed": len(self.changed),
            "withdrawn": len(self.withdrawn),
            "unchanged": self.unchanged,
        }


def compare(new: list[TaskFacts], old: list[TaskFacts], *, is_new_plan: bool) -> PlanDiff:
    diff = PlanDiff(is_new_plan=is_new_plan)
    old_by_seq = {t.seq: t for t in old}
    new_seqs = {t.seq for t in new}
    for task in new:
        before = old_by_seq.get(task.seq)
        if before is None:
            diff.added.append(task.seq)
            continue
        changes = {
            name: (value, task.values()[name])
            for name, value in before.values().items()
            if value != task.values()[name]
        }
        if not before.active:
            diff.restored.append(task.seq)
        if changes:
            diff.changed.append(Change(task.seq, changes, task.text))
        elif before.active:
            diff.unchanged += 1
    diff.withdrawn = sorted(t.seq for t in old if t.active and t.seq not in new_seqs)
    diff.withdrawn_texts = {t.seq: t.text for t in old if t.seq in diff.withdrawn}
    return diff
