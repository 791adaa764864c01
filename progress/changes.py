"""What the audit chain says changed since a cached result was made, in the reporting loop's terms.

Caches of results computed from reports (我的待办 in progress.due, the lights in supervision.lights) hold for
a data version (audit.services). When the chain has moved on, the events since are read: if every one of them
is a report or a co-unit input, a cache can tell which tasks (and units) moved and keep the rest; any other
event — a role, a task, a period, a notice, an unknown kind — means "cannot tell", and the result is rebuilt
(`reporting_changes`). A result that is per task and depends only on the task's own rows (a light) can keep
more: `tasks_touched` also tells the tasks of events on a task or on a row of one task (a milestone, a notice).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.db import connections, models, router

from audit.services import objects_changed
from progress.models import CoInput, ProgressReport
from targets.models import Milestone, Task

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
        rows = _by_ids(ProgressReport, ("id", "task_id", "unit_id", "state"), reports)
        changes += [Change(task, unit, state, reports[pk]) for pk, task, unit, state in rows]
    if inputs:
        given = _by_ids(CoInput, ("id", "task_id", "unit_id"), inputs)
        changes += [Change(task, unit, "", inputs[pk]) for pk, task, unit in given]
    if len(changes) < len(reports) + len(inputs):
        return None  # one is gone: what it was on cannot be told
    return changes


def _by_ids(model: type[models.Model], columns: tuple[str, ...], ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """`model.objects.filter(pk__in=ids).values_list(*columns)` (plain columns, named as in the table: ids and
    text) in SQL the database runs as is: every page that checks a kept result asks it while reports come in."""
    ids = list(ids)
    connection = connections[router.db_for_read(model)]
    q = connection.ops.quote_name
    names = ", ".join(q(c) for c in columns)
    marks = ", ".join(["%s"] * len(ids))
    sql = f"SELECT {names} FROM {q(model._meta.db_table)} WHERE {q('id')} IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return [tuple(row) for row in cursor.fetchall()]


OnTask = tuple[type[models.Model], str]  # a model each of whose rows is on one task, and its task id's path

# the object types the services record that are a task or a row of one task, and where its task is; an
# Indicator or an Assignment is recorded as its task (task.indicators_set, task.reassigned)
ON_ONE_TASK: Mapping[str, OnTask] = MappingProxyType(
    {
        REPORT: (ProgressReport, "task_id"),
        CO_INPUT: (CoInput, "task_id"),
        "targets.task": (Task, "pk"),
        "targets.milestone": (Milestone, "task_id"),
    }
)
_NO_MORE: Mapping[str, OnTask] = MappingProxyType({})


def tasks_touched(after: int, upto: int, *, also: Mapping[str, OnTask] = _NO_MORE) -> set[int] | None:
    """The tasks the audit events after `after` (up to `upto`) are on: each event's object is a task or a row
    of one task (ON_ONE_TASK, or `also`: an upper app's kinds, e.g. supervision's notices). None when that cannot
    be told: an event on anything else (a plan, a period, a calendar, a region's settings, a unit, a role, a
    scan, an import, an unknown kind), an admin's edit, an object since deleted, or too many events.

    For a caller whose result per task depends only on that task's own rows (and on things whose writes are
    not on one task, which come back as None). One query, and one per kind of object named."""
    events = objects_changed(after, upto, limit=RECHECK_EVENTS)
    if events is None:
        return None
    kinds = {**ON_ONE_TASK, **also}
    named: dict[str, set[int]] = defaultdict(set)
    for object_type, object_id, verb in events:
        if object_type not in kinds or not object_id.isdigit() or verb.endswith("_in_admin"):
            return None
        named[object_type].add(int(object_id))
    touched: set[int] = set()
    for object_type, ids in named.items():
        model, path = kinds[object_type]
        rows = list(model._default_manager.filter(pk__in=ids).order_by().values_list("pk", path))
        if len(rows) < len(ids):
            return None  # one is gone: what it was on cannot be told
        touched.update(task_id for _pk, task_id in rows)
    return touched
