"""The public page's facts: a published plan's tasks with a simplified status, and counts per status.

What leaves here is what the public may read: task texts, section titles, units' names, due dates and a
status among 已完成 / 按计划推进 / 滞后 / 已调整 / 暂无进展. Never a person (leader, liaison, office), a
contact, a blue hint, a light's reasons, a notice, an interview or a score. The summary is kept in the
Django cache per plan and day (the key carries the plan's last change; PUBLIC_CACHE_SECONDS bounds it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch

from progress.models import ProgressReport
from supervision import rules
from supervision.lights import lights_for_tasks
from supervision.models import Adjustment
from targets.models import Assignment, Plan, Task

DONE, ON_TRACK, LAGGING, ADJUSTED, NO_REPORT = "done", "on_track", "lagging", "adjusted", "no_report"
STATUSES = (DONE, ON_TRACK, LAGGING, ADJUSTED, NO_REPORT)
DEFAULT_CACHE_SECONDS = 300


def public_status(color: str, *, done: bool, adjusted: bool) -> str:
    """The published status of a task from its light (pure). Blue, a private hint, reads as on track."""
    if adjusted:
        return ADJUSTED
    if color in (rules.RED, rules.AMBER):
        return LAGGING
    if done:
        return DONE
    if color in (rules.GREEN, rules.BLUE):
        return ON_TRACK
    return NO_REPORT


def _done(tasks: Sequence[Task]) -> set[int]:
    """Tasks whose every lead unit (groups aside) has reported them done (a returned report does not count)."""
    ids = [t.pk for t in tasks]
    leads = {t.pk: {u.pk for u in t.lead_units if not u.is_group} for t in tasks}
    reported = set(
        ProgressReport.objects.filter(task_id__in=ids, status=ProgressReport.Status.DONE)
        .exclude(state=ProgressReport.State.RETURNED)
        .values_list("task_id", "unit_id")
    )
    return {t for t, units in leads.items() if units and all((t, u) in reported for u in units)}


def build_summary(plan: Plan, *, today: dt.date) -> dict[str, Any]:
    """Everything the public page shows of one plan, as plain data (cacheable). A constant number of queries."""
    tasks = list(
        Task.objects.filter(plan=plan, status=Task.Status.ACTIVE)
        .select_related("plan__region", "section")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("unit").order_by("role", "order"),
                to_attr="assignment_list",
            )
        )
        .order_by("seq")
    )
    lights = lights_for_tasks(tasks, today=today, viewer=None)  # no viewer: blue is shown as green
    done = _done(tasks)
    adjusted = set(Adjustment.objects.filter(task__in=tasks).values_list("task_id", flat=True))
    rows = []
    for task in tasks:
        light = lights.get(task.pk)
        status = public_status(
            light.color if light else rules.GREY, done=task.pk in done, adjusted=task.pk in adjusted
        )
        rows.append(
            {
                "seq": task.seq,
                "text": task.text,
                "section": task.section.title if task.section else "",
                "lead": [u.name for u in task.lead_units],
                "co": [u.name for u in task.co_units],
                "due": task.due_date.isoformat(),
                "status": status,
            }
        )
    tally = Counter(r["status"] for r in rows)
    return {
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "year": plan.year,
            "region": plan.region.name,
            "doc_number": plan.doc_number,
        },
        "counts": [(s, tally.get(s, 0)) for s in STATUSES],
        "total": len(rows),
        "rows": rows,
        "as_of": today.isoformat(),
    }


def cache_seconds() -> int:
    return int(getattr(settings, "PUBLIC_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def summary_key(plan: Plan, today: dt.date) -> str:
    """The cache key of a plan's public summary: it changes with the plan and with the day."""
    stamp = int(plan.updated_at.timestamp()) if plan.updated_at else 0
    return f"portal:public:{plan.pk}:{stamp}:{today.isoformat()}"


def summaries(plans: Iterable[Plan], *, today: dt.date) -> dict[int, dict[str, Any]]:
    """plan id → its public summary, from the cache or built once and kept."""
    plan_list = list(plans)
    keys = {summary_key(p, today): p for p in plan_list}
    found: dict[str, Any] = cache.get_many(keys.keys())
    timeout = cache_seconds()
    for key, plan in keys.items():
        if key not in found:
            found[key] = build_summary(plan, today=today)
            cache.set(key, found[key], timeout)
    return {plan.pk: found[key] for key, plan in keys.items()}


def published_plans() -> list[Plan]:
    return list(
        Plan.objects.filter(published=True).select_related("region").order_by("-year", "region__name")
    )
