"""Lights and notices in other apps' pages: `{% load supervision_tags %}` then `{% task_light task %}`
(task page: light, reasons, ladder history) or `{% my_notices %}` (我的待办: notices to answer)."""

from __future__ import annotations

from typing import Any

from django import template

from orgs.roles import roles_of
from progress import clock
from supervision.access import visible_notices
from supervision.lights import lights_for_tasks
from supervision.models import Notice
from supervision.rules import COLOR_WORDS

register = template.Library()


@register.inclusion_tag("supervision/_task_light.html", takes_context=True)
def task_light(context: Any, task: Any) -> dict[str, Any]:
    user = context["request"].user
    light = lights_for_tasks([task], today=clock.today(), viewer=user).get(task.pk)
    history = visible_notices(user).filter(task_id=task.pk).order_by("proposed_on", "level")
    word = COLOR_WORDS.get(light.color, "") if light else ""
    return {"light": light, "word": word, "history": history}


@register.inclusion_tag("supervision/_my_notices.html", takes_context=True)
def my_notices(context: Any) -> dict[str, Any]:
    user = context["request"].user
    roles = roles_of(user)
    rows = (
        (
            Notice.objects.filter(unit_id__in=roles.liaison_units, state__in=Notice.OPEN_STATES)
            | Notice.objects.filter(unit_id__in=roles.unit_leader_units, state=Notice.State.PENDING_APPROVAL)
        )
        .select_related("task", "unit")
        .order_by("answer_due")
    )
    return {"notices": list(rows), "today": clock.today()}


@register.simple_tag(takes_context=True)
def plan_lights(context: Any, tasks: Any) -> dict[int, Any]:
    """Every listed task's light at once (a constant number of queries): `{% plan_lights tasks as lights %}`."""
    return lights_for_tasks(list(tasks), today=clock.today(), viewer=context["request"].user)


@register.filter
def light_of(lights: dict[int, Any], task: Any) -> dict[str, Any]:
    light = lights.get(task.pk)
    if light is None:
        return {}
    return {
        "color": light.color,
        "word": COLOR_WORDS.get(light.color, ""),
        "reasons": "；".join(light.reasons),
    }
