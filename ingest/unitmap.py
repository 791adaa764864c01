"""Which existing unit an unknown printed unit name means, decided by taskdoc's unit-name normaliser.

A name that surely means a unit the region already has (区工信局 for 工信局, 区发展和改革局 for 区发改局)
is mapped to it by default (and remembered as its other name on confirm); a doubtful one is left for
the supervisor to choose in the preview. Two unknown names of one table that mean the same unit
(区发改局 and 区发展和改革局, 区财政局 and 财政局) are never two new units: they share the unit one of
them was mapped to, or the one new unit the first-printed of them becomes (`same_as`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from orgs.models import Unit
from taskdoc.unitnames import match_unit, unit_keys

_LEVELS = "省市州县区"


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


def same_as(names: Iterable[str], mapped: Mapping[str, Unit | None]) -> dict[str, str]:
    """Unknown name → the earlier-printed unknown name it means the same unit as, for each name that
    would otherwise become a second new unit: it takes that name's unit (mapped or new) instead.

    Names given different level prefixes (区教育局, 市教育局) are different units however alike."""
    ordered = list(dict.fromkeys(names))
    keys = {name: (unit_keys(name), _level(name)) for name in ordered}

    def twins(a: str, b: str) -> bool:
        (keys_a, level_a), (keys_b, level_b) = keys[a], keys[b]
        return not (level_a and level_b and level_a != level_b) and bool(keys_a & keys_b)

    out: dict[str, str] = {}
    for i, name in enumerate(ordered):
        if mapped.get(name) is not None:
            continue
        mapped_twin = next((o for o in ordered if mapped.get(o) is not None and twins(name, o)), None)
        twin = mapped_twin or next((o for o in ordered[:i] if o not in out and twins(name, o)), None)
        if twin is not None:
            out[name] = twin
    return out


def _level(name: str) -> str:
    """The level prefix a name is printed with (区发改局 → 区), if what follows is a name of its own."""
    return name[0] if len(name) > 3 and name[0] in _LEVELS and name[1] not in "委直属" else ""  # noqa: PLR2004
