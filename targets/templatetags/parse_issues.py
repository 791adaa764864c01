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
    get = indicator.get if isinstance(indicator, dict) else lambda k: getattr(indicator, k, None)
    return _target_text(str(get("comparator") or "="), get("value"), get("unit"))
