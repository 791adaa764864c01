"""Small filters for the dashboards' templates: `{{ mapping|get:key }}`, `{{ unreported|has_rows }}`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)


@register.filter
def has_rows(groups: Iterable[Any]) -> bool:
    """True when any plan's current period has a unit that has not reported."""
    return any(g.rows for g in groups)


SEQS_SHOWN = 12


@register.filter
def seq_list(seqs: tuple[int, ...]) -> str:
    """Task numbers as a reader says them: 第1、3、7项 (the first twelve, then "…")."""
    shown = "、".join(str(s) for s in seqs[:SEQS_SHOWN]) + ("……" if len(seqs) > SEQS_SHOWN else "")
    return _("no. %(seqs)s") % {"seqs": shown}
