"""What the audit chain says changed since a cached result was made, in the reporting loop's terms.

Caches of results computed from reports (我的待办 in progress.due, the lights in supervision.lights) hold for
a data version (audit.services). When the chain has moved on, the events since are read: if every one of them
is a report or a co-unit input, a cache can tell which tasks (and units) moved and keep the rest; any other
event — a role, a task, a period, a notice, an unknown kind — means "cannot tell", and the result is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.services import objects_changed
from progress.models import CoInput, ProgressReport

RECHECK_EVENTS = 200  # more events than this since a result was made: rebuild it rather than read them

REPORT = "progress.progressreport"
CO_INPUT = "progress.coinput"


@dataclass(frozen=True)
class Change:
    """A report or co-unit input written since: its task and unit, a report's state now, and the event."""

    task_id: int
    unit_id: int
    state: str  # a report's state now; "" for a co-unit input
    verb: str


def reporting_changes(after: int, upto: int) -> list[Change] | None:
    """The reports and co-unit inputs the audit events after `after` (up to `upto`) name; None when that cannot
    be told: another kind of event, an object since deleted, or too many events. One to three queries."""
    events = objects_changed(after, upto, limit=RECHECK_EVENTS)
    if events is None:
        return None
    reports: dict[int, str] = {}
    inputs: dict[int, str] = {}
    for object_type, object_id, verb in events:
        if not object_id.isdigit() or object_type not in (REPORT, CO_INPUT):
            return None
        (reports if object_type == REPORT else inputs)[int(object_id)] = verb
    changes = []
    if reports:
        rows = ProgressReport.objects.filter(pk__in=reports).values_list("pk", "task_id", "unit_id", "state")
        changes += [Change(task, unit, state, reports[pk]) for pk, task, unit, state in rows]
    if inputs:
        given = CoInput.objects.filter(pk__in=inputs).values_list("pk", "task_id", "unit_id")
        changes += [Change(task, unit, "", inputs[pk]) for pk, task, unit in given]
    if len(changes) < len(reports) + len(inputs):
        return None  # one is gone: what it was on cannot be told
    return changes
