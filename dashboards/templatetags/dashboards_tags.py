"""Small filters for the dashboards' templates: `{{ mapping|get:key }}`, `{{ unreported|has_rows }}`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)


@register.filter
def has_rows(groups: Iterable[Any]) -> bool:
    """True when any plan's current period has a unit that has not reported."""
    return any(g.rows for g in groups)
