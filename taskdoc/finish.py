"""The common last step: raw rows and headings → ParsedTask with sections, numbers, units and issues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from taskdoc.entries import Heading, RawRow, Table
from taskdoc.issues import Note, note
from taskdoc.lexicon import parse_seq
from taskdoc.model import ColumnRole, ParsedTask, RowIssue
from taskdoc.units import heading_leader, split_leaders, split_units

_UNIT_ROLES: tuple[ColumnRole, ...] = ("lead_units", "co_units")
_GROUP_LEVEL = 9  # a key-work column's value sits below every printed heading level


def finish(table: Table) -> tuple[list[ParsedTask], list[RowIssue]]:
    roles = {r for r in table.roles if r is not None}
    path: list[Heading] = []
    tasks: list[ParsedTask] = []
    issues: list[RowIssue] = []
    seen: set[int] = set()
    previous = 0
    group = ""
    for entry in table.entries:
        if isinstance(entry, Heading):
            path = [h for h in path if h.level < entry.level] + [entry]
            group = ""
            continue
        if entry.group.strip() and join_lines(entry.group) != group:
            group = join_lines(entry.group)
            path = [h for h in path if h.level < _GROUP_LEVEL] + [Heading(group, _GROUP_LEVEL)]
        task, row_issues = _task(entry, tuple(h.text for h in path), previous, roles, table.first_unit_leads)
        if task.seq in seen:
            repeated = RowIssue(task.seq, "seq", "seq_repeated")
            row_issues.append(repeated)
            task = replace(task, issues=(*task.issues, repeated))
        seen.add(task.seq)
        previous = task.seq
        tasks.append(task)
        issues.extend(row_issues)
    return tasks, issues


def _task(
    row: RawRow, section: tuple[str, ...], previous: int, roles: set[ColumnRole], first_leads: bool
) -> tuple[ParsedTask, list[RowIssue]]:
    found: list[tuple[str, Note]] = []
    seq = parse_seq(row.seq)
    if seq is None:
        seq = previous + 1
        if "seq" in roles:  # a table without a 序号 column numbers its rows by their order
            found.append(("seq", note("seq_missing")))
    text = join_lines(row.text)
    if not text:
        found.append(("text", note("cell_empty", field="text")))
    units: dict[ColumnRole, tuple[str, ...]] = {}
    marked: list[str] = []
    for role in _UNIT_ROLES:
        raw = row.cell(role)
        if role in roles and not raw.strip():
            found.append((role, note("cell_empty", field=role)))
        parsed = split_units(raw)
        units[role] = parsed.names
        marked.extend(parsed.marked_lead)
        found.extend((role, repair) for repair in parsed.notes)
    lead, co = _lead_and_co(
        units["lead_units"],
        units["co_units"],
        marked,
        (first_leads or row.first_leads) and "co_units" not in roles,
    )
    raw_leaders = row.cell("leaders")
    if "leaders" in roles and not raw_leaders.strip():
        found.append(("leaders", note("cell_empty", field="leaders")))
    leaders, leader_notes = split_leaders(raw_leaders)
    if not leaders:  # the leader may be named by the section heading (王丹县长牵头重点工作)
        named = [name for name in (heading_leader(h) for h in section) if name]
        leaders = tuple(named[-1:])
    found.extend(("leaders", repair) for repair in leader_notes)
    found.extend(("row", repair) for repair in row.notes)
    deadline = join_lines(row.cell("deadline")) or None
    if "deadline" in roles and deadline is None:
        found.append(("deadline", note("cell_empty", field="deadline")))
    issues = [RowIssue(seq, where, repair.code, dict(repair.params)) for where, repair in found]
    task = ParsedTask(
        seq=seq,
        section=section,
        text=text,
        lead_units=lead,
        co_units=co,
        leaders=leaders,
        deadline=deadline,
        issues=tuple(issues),
    )
    return task, issues


def _lead_and_co(
    lead: Sequence[str], co: Sequence[str], marked: Sequence[str], first_leads: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Apply （牵头） marks and a note that the first-listed unit leads."""
    if marked and not co:
        return tuple(u for u in lead if u in marked), tuple(u for u in lead if u not in marked)
    if marked:
        everyone = [*lead, *co]
        return tuple(u for u in everyone if u in marked), tuple(u for u in everyone if u not in marked)
    if first_leads and len(lead) > 1 and not co:
        return tuple(lead[:1]), tuple(lead[1:])
    return tuple(lead), tuple(co)


def join_lines(text: str) -> str:
    """A cell's text with its line breaks removed and its ends trimmed."""
    return "".join(line.strip() for line in text.splitlines()).strip()
