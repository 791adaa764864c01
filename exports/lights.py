"""Each task's light, and the praise and criticism the supervision engine proposed, for documents and the
台账.

The supervision engine (`supervision.lights`, `supervision.models.Commendation`) when it is installed; until
then the light follows the lead unit's latest self-assessed status (done / on track → green, at risk →
amber, lagging → red), which is what offices wrote into their 台账 by hand.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from targets.models import Plan, Task

GREEN, AMBER, RED, BLUE, GREY, NONE = "green", "amber", "red", "blue", "grey", ""
WORD = {GREEN: "绿", AMBER: "黄", RED: "红", GREY: "灰"}
OF_STATUS = {"done": GREEN, "on_track": GREEN, "at_risk": AMBER, "lagging": RED}


@dataclass(frozen=True)
class Light:
    color: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Praise:
    task_id: int | None
    unit_name: str
    reasons: tuple[str, ...]


def _supervision(module: str) -> Any:
    """supervision.<module>, or None where the supervision app is not installed."""
    try:
        return importlib.import_module(f"supervision.{module}")
    except ImportError:
        return None


def engine_lights(tasks: Sequence[Task], *, today: dt.date) -> dict[int, Light] | None:
    """The engine's lights (blue, a private hint, is published as green), or None without the engine."""
    lights = _supervision("lights")
    if lights is None:
        return None
    computed = lights.compute(list(tasks), today=today)
    return {
        task_id: Light(GREEN if light.color == BLUE else light.color, tuple(light.reasons))
        for task_id, light in computed.items()
    }


def task_lights(plan: Plan, *, today: dt.date) -> dict[int, str] | None:
    """task id → 红 / 黄 / 绿 / 灰 for the 台账, or None without the engine."""
    tasks = list(Task.objects.filter(plan=plan, status=Task.Status.ACTIVE).select_related("plan__region"))
    lights = engine_lights(tasks, today=today)
    if lights is None:
        return None
    return {task_id: WORD.get(light.color, "") for task_id, light in lights.items()}


def commendations(plan: Plan, *, start: dt.date, end: dt.date) -> list[Praise] | None:
    """Commendations the engine proposed or the office confirmed between start and end (dismissed ones
    left out), or None without the engine."""
    models = _supervision("models")
    if models is None:
        return None
    rows = (
        models.Commendation.objects.filter(region_id=plan.region_id, proposed_on__range=(start, end))
        .filter(Q(task__isnull=True) | Q(task__plan=plan))
        .exclude(state=models.Commendation.State.DISMISSED)
        .select_related("unit")
        .order_by("proposed_on", "pk")
    )
    return [Praise(c.task_id, c.unit.name, tuple(c.reasons)) for c in rows]
