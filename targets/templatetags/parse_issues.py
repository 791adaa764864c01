from typing import Any

from django import template

from targets.issues import describe_issue
from targets.models import target_text as _target_text

register = template.Library()


@register.filter
def issue_text(note: object) -> str:
    """{{ issue|issue_text }}: a parser note in the reader's language."""
    return describe_issue(note)


@register.filter
def target_text(indicator: object) -> str:
    """{{ indicator|target_text }} for a parsed indicator (a mapping or an object): ≥1500亿元."""
    return _target_text(
        str(_field(indicator, "comparator") or "="), _field(indicator, "value"), _field(indicator, "unit")
    )


def _field(indicator: object, key: str) -> Any:
    return indicator.get(key) if isinstance(indicator, dict) else getattr(indicator, key, None)
