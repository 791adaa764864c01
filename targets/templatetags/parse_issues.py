from django import template

from targets.issues import describe_issue

register = template.Library()


@register.filter
def issue_text(note: object) -> str:
    """{{ issue|issue_text }}: a parser note in the reader's language."""
    return describe_issue(str(note))
