"""Badges for a report's status and review state."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from progress.models import ProgressReport

register = template.Library()

STATUS_COLOURS = {"on_track": "green", "done": "green", "at_risk": "amber", "lagging": "red"}
STATE_COLOURS = {"pending_signoff": "amber", "filed": "blue", "returned": "red", "accepted": "green"}


@register.simple_tag
def status_badge(status: str) -> SafeString:
    label = ProgressReport.Status(status).label if status in ProgressReport.Status.values else status
    return format_html('<span class="badge {}">{}</span>', STATUS_COLOURS.get(status, ""), label)


@register.simple_tag
def state_badge(state: str) -> SafeString:
    label = ProgressReport.State(state).label if state in ProgressReport.State.values else state
    return format_html('<span class="badge {}">{}</span>', STATE_COLOURS.get(state, ""), label)
