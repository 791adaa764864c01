"""An uploaded 台账, compared cell by cell with what was exported: a preview of exactly what changes, then
the changes filed as reports through progress.services (all or nothing, audited).

Refused, naming the rows, with nothing written: a changed cell the uploader may not change (anything but
状态, 最新进展 and 完成百分比), a row of another unit, a row whose reports changed since the export (a stale
version), an added row, an invalid value; a deleted or altered hidden sheet refuses the whole file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from exports.ledger.rows import EDITABLE, Stamp, current_stamps, status_labels
from exports.ledger.workbook import HEADERS, KEYS, SheetRow, read_ledger
from orgs.models import Unit
from orgs.roles import is_command_line, roles_of
from progress.models import Period, ProgressReport
from progress.rules import validate_report
from progress.services import ReportChanged, ReportInvalid, ReportStateError, file_report
from targets.models import Plan, Task

DEFAULT_STATUS = "on_track"


@dataclass(frozen=True)
class CellChange:
    column: str
    before: str
    after: str


@dataclass(frozen=True)
class RowChange:
    sheet_row: int
    seq: str
    task_id: int
    unit_id: int
    unit_name: str
    changes: tuple[CellChange, ...]
    status: str
    percent: int
    text: str
    version: int | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    sheet_row: int | None
    message: str


@dataclass
class Preview:
    plan: Plan
    period: Period | None
    changes: list[RowChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class LedgerRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def header(key: str) -> str:
    return HEADERS[KEYS.index(key)]


def _scope(uploader: Any, plan: Plan) -> frozenset[int] | None:
    """Units whose rows the uploader may change; None: every row (the office, or the command line)."""
    if uploader is None or is_command_line(uploader):
        return None
    roles = roles_of(uploader)
    if roles.supervises(plan.region_id):
        return None
    return roles.liaison_units


def _where(row: SheetRow) -> str:
    return _("Row %(row)s (no. %(seq)s, %(unit)s)") % {
        "row": row.sheet_row,
        "seq": row.before.get("seq", ""),
        "unit": row.before.get("lead", ""),
    }


def preview_import(*, plan: Plan, data: bytes, uploader: Any, today: dt.date) -> Preview:
    """What the upload would change; reads only. Raises LedgerUnreadable for a file that is not ours."""
    upload = read_ledger(data)
    if upload.plan_id != plan.pk:
        return Preview(plan, None, problems=[Problem(None, _("This ledger was exported from another plan."))])
    period = Period.objects.filter(pk=upload.period_id, plan=plan).first() if upload.period_id else None
    preview = Preview(plan, period)
    stamps = current_stamps(plan, upload.period_id)
    scope = _scope(uploader, plan)
    units = {u.pk: u for u in Unit.objects.filter(pk__in={r.unit_id for r in upload.rows if r.unit_id})}
    tasks = {t.pk: t for t in Task.objects.filter(plan=plan)}
    states = dict(
        ProgressReport.objects.filter(task__plan=plan, period_id=upload.period_id or 0).values_list(
            "pk", "state"
        )
    )
    codes = {label: code for code, label in status_labels().items()}
    for row in upload.rows:
        changed = [k for k in KEYS if row.before[k] != row.now[k]]
        if not changed:
            continue
        problems = _row_problems(
            row=row, changed=changed, scope=scope, period=period, stamps=stamps, tasks=tasks, states=states
        )
        if not problems:
            change, problems = _row_change(row, changed, period, codes, units)  # type: ignore[arg-type]
            if change is not None:
                preview.changes.append(change)
        preview.problems.extend(problems)
    for r in upload.added_rows:
        preview.problems.append(
            Problem(r, _("Row %(row)s was added; tasks cannot be added through the ledger.") % {"row": r})
        )
    return preview


def _row_problems(
    *,
    row: SheetRow,
    changed: list[str],
    scope: frozenset[int] | None,
    period: Period | None,
    stamps: dict[tuple[int, int], Stamp],
    tasks: dict[int, Task],
    states: dict[int, str],
) -> list[Problem]:
    where = _where(row)
    fixed = [header(k) for k in changed if k not in EDITABLE]
    if fixed:
        return [
            Problem(
                row.sheet_row,
                _(
                    "%(where)s: “%(columns)s” cannot be changed in the ledger (only 状态, 最新进展, 完成百分比)."
                )
                % {"where": where, "columns": "、".join(fixed)},
            )
        ]
    if row.unit_id is None or row.task_id not in tasks:
        return [
            Problem(
                row.sheet_row, _("%(where)s: this row cannot be filed from the ledger.") % {"where": where}
            )
        ]
    if scope is not None and row.unit_id not in scope:
        return [
            Problem(
                row.sheet_row,
                _(
                    "%(where)s: this task is not your unit's; only the lead unit's liaison or the office may change it."
                )
                % {"where": where},
            )
        ]
    if period is None or period.locked:
        return [
            Problem(
                row.sheet_row,
                _("%(where)s: the reporting period of this ledger is closed.") % {"where": where},
            )
        ]
    now = stamps.get((row.task_id, row.unit_id), Stamp(None, None, None, None))
    if now.as_list() != row.stamp:
        return [
            Problem(
                row.sheet_row,
                _(
                    "%(where)s: the report changed after the ledger was exported (stale version); export the ledger again."
                )
                % {"where": where},
            )
        ]
    if now.target_report is not None and states.get(now.target_report) == ProgressReport.State.ACCEPTED:
        return [
            Problem(
                row.sheet_row,
                _("%(where)s: this period's report was accepted and can no longer change.")
                % {"where": where},
            )
        ]
    return []


def _row_change(
    row: SheetRow, changed: list[str], period: Period, codes: dict[str, str], units: dict[int, Unit]
) -> tuple[RowChange | None, list[Problem]]:
    where = _where(row)
    notes: list[str] = []
    status_label = row.now["status"]
    if status_label and status_label not in codes:
        return None, [
            Problem(row.sheet_row, _("%(where)s: choose a status from the list.") % {"where": where})
        ]
    status = codes.get(status_label, "")
    if not status:
        status = DEFAULT_STATUS
        notes.append(_("No status given: filed as “%(label)s”.") % {"label": status_labels()[DEFAULT_STATUS]})
    percent_text = row.now["percent"] or "0"
    if not row.now["percent"]:
        notes.append(_("No percent given: filed as 0."))
    errors = validate_report(kind=period.kind, status=status, percent=percent_text, text=row.now["progress"])
    if errors:
        words = "；".join(m for messages in errors.values() for m in messages)
        return None, [Problem(row.sheet_row, f"{where}：{words}")]
    cells = tuple(CellChange(header(k), row.before[k], row.now[k]) for k in changed)
    if row.unit_id is None:  # refused by _row_problems before we get here
        return None, [
            Problem(
                row.sheet_row, _("%(where)s: this row cannot be filed from the ledger.") % {"where": where}
            )
        ]
    version = row.stamp[1]
    return (
        RowChange(
            row.sheet_row,
            row.before["seq"],
            row.task_id,
            row.unit_id,
            units[row.unit_id].name,
            cells,
            status,
            int(percent_text),
            row.now["progress"],
            version,
            tuple(notes),
        ),
        [],
    )


@transaction.atomic
def import_ledger(*, plan: Plan, data: bytes, by: Any, today: dt.date, actor: str = "") -> Preview:
    """Apply an uploaded ledger: every change filed as the lead unit's report, or nothing at all."""
    preview = preview_import(plan=plan, data=data, uploader=by, today=today)
    if not preview.ok:
        raise LedgerRefused(preview.problems)
    if not preview.changes:
        return preview
    if preview.period is None:  # changes exist only for an open period
        return preview
    tasks = Task.objects.in_bulk([c.task_id for c in preview.changes])
    units = Unit.objects.in_bulk([c.unit_id for c in preview.changes])
    for change in preview.changes:
        try:
            file_report(
                task=tasks[change.task_id],
                unit=units[change.unit_id],
                period=preview.period,
                by=by,
                status=change.status,
                percent=change.percent,
                text=change.text,
                version=change.version,
            )
        except (ReportChanged, ReportInvalid, ReportStateError) as exc:
            raise LedgerRefused(
                [
                    Problem(
                        change.sheet_row,
                        _("Row %(row)s: %(error)s") % {"row": change.sheet_row, "error": exc},
                    )
                ]
            ) from exc
    record(
        actor=by or actor,
        verb="exports.ledger_imported",
        obj=plan,
        after={
            "period": preview.period.pk,
            "rows": [
                {
                    "row": c.sheet_row,
                    "task": c.task_id,
                    "unit": c.unit_id,
                    "cells": [vars(x) for x in c.changes],
                }
                for c in preview.changes
            ],
        },
    )
    return preview
