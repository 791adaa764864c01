"""Confirming a batch: the table becomes the region's plan, through the services of orgs, targets and progress.

Nothing here writes a plan, section or task itself: each change is a `targets.services` action (audited
with its before and after); the plan's reporting periods come from `progress.services.ensure_periods`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record
from ingest.batches import _require_open, check_can_import
from ingest.diff import TaskFacts
from ingest.errors import ImportRefused
from ingest.models import ImportBatch
from ingest.preview import _plan_tasks, _resolution, _row_facts, _task_facts, build_preview, new_unit_twins
from ingest.rows import clean_person_name, leader_names
from orgs import services as orgs_services
from orgs.models import Person, Unit
from progress.services import ensure_periods
from targets import services as targets
from targets.models import Plan, Section, Task


def _refuse_overlong_names(rows: list[dict[str, Any]]) -> None:
    """A name longer than the database keeps means a cell the parser could not split: say where."""
    unit_limit = Unit._meta.get_field("name").max_length or 128
    person_limit = Person._meta.get_field("name").max_length or 64
    for row in rows:
        for names, limit in (
            ([*row.get("lead_units", []), *row.get("co_units", [])], unit_limit),
            ([clean_person_name(n) for n in row.get("leaders", [])], person_limit),
        ):
            for name in names:
                if len(name) > limit:
                    raise ImportRefused("name_too_long", seq=row.get("seq"), limit=limit, name=name[:20])


def _units_for(batch: ImportBatch, by: Any) -> dict[str, Unit]:
    """Every printed unit name → its unit, creating the new ones and remembering mapped names as aliases."""
    known, mapped, unknown = _resolution(batch)
    twins = new_unit_twins(unknown, mapped)
    units = dict(known)
    # Parents before their offices (财政局 before 财政局（国资办）), so each office finds its parent.
    for name in sorted(
        unknown, key=lambda n: (orgs_services.parent_unit_name(n) is not None, unknown.index(n))
    ):
        chosen = mapped.get(name)
        if chosen is not None:
            orgs_services.add_unit_alias(unit=chosen, alias=name, by=by)
            units[name] = chosen
        elif name not in twins:
            units[name] = orgs_services.create_unit(region=batch.region, name=name, by=by)
    for name, other in twins.items():  # another name of a unit created above: remembered as its alias
        orgs_services.add_unit_alias(unit=units[other], alias=name, by=by)
        units[name] = units[other]
    return units


def _sections(plan: Plan, rows: list[dict[str, Any]], by: Any) -> dict[tuple[str, ...], Section]:
    by_path: dict[tuple[str, ...], Section] = {}
    existing = list(plan.sections.all())
    by_id = {s.pk: s for s in existing}
    for s in existing:
        path: list[str] = []
        node: Section | None = s
        while node is not None:
            path.insert(0, node.title)
            node = by_id.get(node.parent_id) if node.parent_id else None
        by_path.setdefault(tuple(path), s)
    order = max((s.order for s in existing), default=0)
    for row in rows:
        section = tuple(row.get("section", []))
        for depth in range(1, len(section) + 1):
            prefix = section[:depth]
            if prefix not in by_path:
                order += 1
                by_path[prefix] = targets.add_section(
                    plan=plan,
                    parent=by_path.get(prefix[:-1]),
                    title=prefix[-1],
                    level=depth,
                    order=order,
                    by=by,
                )
    return by_path


def _indicator_specs(row: dict[str, Any]) -> list[targets.IndicatorSpec]:
    return [
        targets.IndicatorSpec(
            name=data["name"],
            kind=data["kind"],
            comparator=data["comparator"],
            value=data.get("value"),
            unit=str(data["unit"]) if data.get("unit") else None,
            target_year=data["target_year"],
            span=data.get("span") or "",
        )
        for data in row.get("indicators", [])
    ]


def _spec(
    row: dict[str, Any],
    facts: TaskFacts,
    section: Section | None,
    units: dict[str, Unit],
    people: dict[str, Person],
) -> targets.TaskSpec:
    return targets.TaskSpec(
        seq=facts.seq,
        text=facts.text,
        due_date=facts.due_date,
        section=section,
        section_path=facts.section,
        lead_units=[units[n] for n in dict.fromkeys(row.get("lead_units", []))],
        co_units=[units[n] for n in dict.fromkeys(row.get("co_units", []))],
        leaders=[people[clean_person_name(n)] for n in row.get("leaders", [])],
        indicators=_indicator_specs(row),
        parse_issues=tuple(row.get("issues", [])),
    )


def _plan_meta(batch: ImportBatch) -> dict[str, Any]:
    document = (batch.parsed or {}).get("document", {})
    return {
        "title": (document.get("title") or f"{batch.year}年政府工作报告目标任务责任分解表")[:255],
        "issuer": (document.get("issuer") or "")[:128],
        "doc_number": (document.get("doc_number") or "")[:64],
        "issued_on": dt.date.fromisoformat(document["date"]) if document.get("date") else None,
    }


def _plan_for(batch: ImportBatch, year: int, by: Any, *, diff_is_empty: bool) -> Plan:
    meta = _plan_meta(batch)
    plan = Plan.objects.select_for_update().filter(region=batch.region, year=year).first()
    if plan is None:
        return targets.create_plan(
            region=batch.region,
            year=year,
            by=by,
            source_file=batch.file.name or "",
            source_name=batch.original_name,
            **meta,
        )
    if diff_is_empty and all(getattr(plan, k) == v for k, v in meta.items()):
        return plan
    return targets.edit_plan(
        plan=plan, by=by, source_file=batch.file.name, source_name=batch.original_name[:255], **meta
    )


def _sync_tasks(
    batch: ImportBatch, plan: Plan, units: dict[str, Unit], people: dict[str, Person], by: Any
) -> None:
    year = plan.year
    sections = _sections(plan, batch.tasks, by)
    existing = {t.seq: t for t in _plan_tasks(plan)}
    seen: set[int] = set()
    for row in batch.tasks:
        facts = _row_facts(row, year, lambda n: units[n].name)
        seen.add(facts.seq)
        spec = _spec(row, facts, sections.get(facts.section) if facts.section else None, units, people)
        task = existing.get(facts.seq)
        if task is None:
            targets.create_task(plan=plan, spec=spec, by=by)
            continue
        old = _task_facts(task)
        if old.values() == facts.values() and old.active:
            targets.note_parse_issues(task=task, issues=spec.parse_issues, by=by)
        else:
            targets.revise_task(task=task, spec=spec, by=by)
    for seq, task in existing.items():
        if seq not in seen and task.status == Task.Status.ACTIVE:
            targets.withdraw_task(task=task, by=by)


@transaction.atomic
def confirm_batch(*, batch: ImportBatch, by: Any) -> ImportBatch:
    """Create (or update) the region's plan for the year from the batch, in one transaction.

    New rows become tasks; rows whose seq exists update that task; tasks missing from the table are marked
    withdrawn. Nothing is deleted that anything else points at: reports and history stay. The plan's
    reporting periods are created (or brought up to date) here, not when someone first looks.
    """
    batch = ImportBatch.objects.select_for_update().select_related("region").get(pk=batch.pk)
    check_can_import(region=batch.region, by=by)
    _require_open(batch, ImportBatch.Status.PARSED)
    year = batch.year
    if year is None:  # a read batch always has its year; refuse rather than guess
        raise ImportRefused("no_year")
    diff = build_preview(batch).diff
    _refuse_overlong_names(batch.tasks)
    units = _units_for(batch, by)
    people = {
        n: orgs_services.ensure_leader(region=batch.region, name=n, by=by) for n in leader_names(batch.tasks)
    }
    plan = _plan_for(batch, year, by, diff_is_empty=diff.is_empty)
    _sync_tasks(batch, plan, units, people, by)
    ensure_periods(plan=plan, by=by)

    batch.status = ImportBatch.Status.CONFIRMED
    batch.plan = plan
    batch.summary = diff.counts()
    batch.confirmed_by = by if getattr(by, "pk", None) else None
    batch.confirmed_at = timezone.now()
    batch.save()
    record(actor=by, verb="import.confirmed", obj=batch, after={"plan": plan.pk, **diff.counts()})
    return batch
