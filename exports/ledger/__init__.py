"""The 台账 workbook: export (rows.py → workbook.py) and the round trip back (importer.py)."""

from __future__ import annotations

import datetime as dt

from exports.ledger.rows import build_rows
from exports.ledger.workbook import write_ledger
from exports.lights import task_lights
from targets.models import Plan


def export_ledger(plan: Plan, *, today: dt.date, only_units: frozenset[int] | None = None) -> bytes:
    """The plan's ledger as .xlsx bytes (a liaison's: their units' rows only). Reads only."""
    lights = task_lights(plan, today=today)
    return write_ledger(build_rows(plan, today=today, light_of=lights, only_units=only_units))
