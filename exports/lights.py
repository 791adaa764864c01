"""Each task's light (红/黄/绿) for documents and the ledger.

The supervision engine's lights when it is installed; until then (or for a plan it has not scanned) the
light follows the lead unit's latest self-assessed status, which is what the 台账 always showed.
"""

from __future__ import annotations

import datetime as dt

from targets.models import Plan


def task_lights(plan: Plan, *, today: dt.date) -> dict[int, str] | None:
    """task id → 红 / 黄 / 绿, or None when no supervision lights are available."""
    return None
