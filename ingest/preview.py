"""The preview of a batch: every row as it will be imported, unknown unit names, and the diff.

The preview and the confirm step share `build_preview`, so what the supervisor saw is what confirming does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.utils import timezone

from ingest.diff import PlanDiff, TaskFacts, compare
from ingest.models import ImportBatch
from ingest.rows import clean_person_name, due_date_for, indicator_key, unit_names
from ingest.unitmap import confident_units, same_as
from orgs import services as orgs_services
from orgs.models import Unit
from targets.models import Assignment, Indicator, Plan, Task, TaskLeader


@dataclass
class UnknownName:
    name: str
    candidates: list[orgs_services.Candidate]
    chosen: int | None  # unit id, or None for "create a new unit"
    kind: str
    same_as: str | None = None  # an earlier name of this table it means, whose new unit it shares

    @property
    def kind_label(self) -> str:
        return str(Unit.Kind(self.kind).label)


@dataclass
class Preview:
    rows: list[dict[str, Any]]
    unknown: list[UnknownName]
    diff: PlanDiff
    resolved: dict[str, str] = field(default_factory=dict)  # printed name → unit name it will be

    @property
    def rows_with_issues(self) -> int:
        return sum(1 for r in self.rows if r["issues"])


def _resolution(batch: ImportBatch) -> tuple[dict[str, Unit], dict[str, Unit | None], list[str]]:
    """(known: printed name → unit, mapped: unknown name → chosen unit or None = new, unknown names)."""
    names = unit_names(batch.tasks)
    known = orgs_services.find_units(batch.region, names)
    unknown = [n for n in names if n not in known]
    ids = {v for k, v in batch.unit_mapping.items() if k in unknown and v}
    units = {u.pk: u for u in Unit.objects.filter(region_id=batch.region_id, pk__in=ids)}
    # a name nobody has mapped yet defaults to the unit it surely means (区工信局 → 工信局), else a new unit
    sure = confident_units(batch.region_id, [n for n in unknown if n not in batch.unit_mapping])
    mapped = {
        n: units.get(batch.unit_mapping.get(n) or 0) if n in batch.unit_mapping else sure.get(n)
        for n in unknown
    }
    # two names of this table for one unit (区发改局, 区发展和改革局) share one unit, never two new ones
    for name, other in same_as(unknown, mapped).items():
        mapped[name] = mapped[other]
    return known, mapped, unknown


def new_unit_twins(unknown: list[str], mapped: dict[str, Unit | None]) -> dict[str, str]:
    """Unknown name → the earlier name whose new unit it shares (both left to be created)."""
    return {n: other for n, other in same_as(unknown, mapped).items() if mapped.get(n) is None}


def _with_chosen(
    candidates: list[orgs_services.Candidate], chosen: Unit | None
) -> list[orgs_services.Candidate]:
    """The offered units, with the one chosen by default first when the fuzzy match did not offer it."""
    if chosen is None or any(c.unit_id == chosen.pk for c in candidates):
        return candidates
    return [orgs_services.Candidate(chosen.pk, chosen.name, 100.0), *candidates]


def _target_name(
    name: str, known: dict[str, Unit], mapped: dict[str, Unit | None], twins: dict[str, str]
) -> str:
    unit = known.get(name) or mapped.get(name)
    return unit.name if unit is not None else twins.get(name, name)


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _row_facts(row: dict[str, Any], year: int, name_of: Any) -> TaskFacts:
    return TaskFacts(
        seq=int(row["seq"]),
        text=row["text"],
        section=tuple(row.get("section", [])),
        lead_units=_unique(name_of(n) for n in row.get("lead_units", [])),
        co_units=_unique(name_of(n) for n in row.get("co_units", [])),
        leaders=_unique(clean_person_name(n) for n in row.get("leaders", [])),
        indicators=tuple(indicator_key(i) for i in row.get("indicators", [])),
        due_date=due_date_for(row, year),
    )


def _plan_tasks(plan: Plan) -> list[Task]:
    return list(
        plan.tasks.prefetch_related(
            Prefetch(
                "assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "order")
            ),
            Prefetch("task_leaders", queryset=TaskLeader.objects.select_related("person").order_by("order")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
        )
    )


def _task_facts(task: Task) -> TaskFacts:
    assignments = list(task.assignments.all())
    return TaskFacts(
        seq=task.seq,
        text=task.text,
        section=tuple(task.section_path or []),
        lead_units=tuple(a.unit.name for a in assignments if a.role == Assignment.Role.LEAD),
        co_units=tuple(a.unit.name for a in assignments if a.role == Assignment.Role.CO),
        leaders=tuple(tl.person.name for tl in task.task_leaders.all()),
        indicators=tuple(indicator_key(model_to_dict(i)) for i in task.indicators.all()),
        due_date=task.due_date,
        active=task.status == Task.Status.ACTIVE,
    )


def build_preview(batch: ImportBatch) -> Preview:
    """Every row as it will be imported, the unknown unit names with their closest units, and the diff."""
    known, mapped, unknown = _resolution(batch)
    twins = new_unit_twins(unknown, mapped)
    region_units = list(Unit.objects.filter(region_id=batch.region_id).prefetch_related("aliases"))
    unknown_entries = [
        UnknownName(
            name=n,
            candidates=_with_chosen(
                orgs_services.closest_units(batch.region, n, units=region_units), mapped.get(n)
            ),
            chosen=mapped[n].pk if mapped.get(n) is not None else None,  # type: ignore[union-attr]
            kind=orgs_services.infer_unit_kind(n),
            same_as=twins.get(n),
        )
        for n in unknown
    ]
    year = int(batch.year or timezone.localdate().year)
    plan = Plan.objects.filter(region_id=batch.region_id, year=year).first()

    def name_of(n: str) -> str:
        return _target_name(n, known, mapped, twins)

    new_facts = [_row_facts(r, year, name_of) for r in batch.tasks]
    old_facts = [_task_facts(t) for t in _plan_tasks(plan)] if plan else []
    diff = compare(new_facts, old_facts, is_new_plan=plan is None)
    unknown_set = set(unknown)
    rows = [
        {**r, "unknown_units": [n for n in [*r["lead_units"], *r["co_units"]] if n in unknown_set]}
        for r in batch.tasks
    ]
    resolved = {n: name_of(n) for n in [*known, *unknown]}
    return Preview(rows=rows, unknown=unknown_entries, diff=diff, resolved=resolved)
