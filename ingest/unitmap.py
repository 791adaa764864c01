"""Which existing unit an unknown printed unit name means, decided by taskdoc's unit-name normaliser.

A name that surely means a unit the region already has (区工信局 for 工信局, 区发展和改革局 for 区发改局)
is mapped to it by default (and remembered as its other name on confirm); a doubtful one is left for
the supervisor to choose in the preview.
"""

from __future__ import annotations

from collections.abc import Iterable

from orgs.models import Unit
from taskdoc.unitnames import match_unit


def confident_units(region_id: int, names: Iterable[str]) -> dict[str, Unit]:
    """printed name → the region's unit it surely means (by canonical name or alias); doubtful names are left out."""
    wanted = list(names)
    if not wanted:
        return {}
    labels: dict[str, Unit] = {}
    for unit in Unit.objects.filter(region_id=region_id).prefetch_related("aliases"):
        labels.setdefault(unit.name, unit)
        for alias in unit.aliases.all():
            labels.setdefault(alias.alias, unit)
    out: dict[str, Unit] = {}
    for name in wanted:
        best = match_unit(name, labels, limit=2)
        if best and best[0].confident:
            out[name] = labels[best[0].name]
    return out
