"""Importing a decomposition table: upload → read (in the background) → preview and map units → confirm.

Each business action is one function with keyword-only arguments, atomic and audited. The preview and the
confirm step share `build_preview`, so what the supervisor saw is what confirming does.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.db.models import Prefetch, Q
from django.forms.models import model_to_dict
from django.utils import timezone

import taskdoc
from audit.services import record
from ingest.diff import PlanDiff, TaskFacts, compare
from ingest.errors import ImportRefused
from ingest.models import ImportBatch
from ingest.rows import (
    clean_person_name,
    due_date_for,
    indicator_key,
    leader_names,
    plan_to_json,
    unit_names,
)
from orgs import services as orgs_services
from orgs.models import Person, Region, Unit
from orgs.roles import roles_of
from targets.models import Assignment, Indicator, Plan, Section, Task, TaskLeader
from taskdoc.model import ParsedPlan, TaskdocError

log = logging.getLogger(__name__)

# what taskdoc reads; .doc/.wps/.rtf/.xls/.et through LibreOffice, .ofd and scanned PDFs (OCR) too
ALLOWED_SUFFIXES = (".docx", ".xlsx", ".pdf", ".txt", ".doc", ".wps", ".rtf", ".xls", ".et", ".ofd")
STALE_PARSE = dt.timedelta(minutes=10)


def max_upload_bytes() -> int:
    return int(getattr(settings, "DUBAN_IMPORT_MAX_BYTES", 20 * 1024 * 1024))


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def check_can_import(*, region: Region, by: Any) -> None:
    """Only the region's supervision office (or an admin, or the command line: by=None) imports its plan."""
    if by is None or isinstance(by, str):  # the command line (manage.py import_plan, demo)
        return
    if not roles_of(by).supervises(region.pk):
        raise ImportRefused("not_supervisor", region=region.name)


def check_upload(*, name: str, size: int) -> None:
    if size > max_upload_bytes():
        raise ImportRefused("too_large", size=_megabytes(size), limit=_megabytes(max_upload_bytes()))
    if size == 0:
        raise ImportRefused("empty")
    if PurePath(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise ImportRefused("bad_type")


# ---------------------------------------------------------------------------------------------- upload


@transaction.atomic
def create_batch(*, region: Region, year: int | None, upload: File, by: Any) -> ImportBatch:
    """Keep the uploaded file in a new batch waiting to be read. Refuses what cannot be a plan of ours."""
    check_can_import(region=region, by=by)
    name = PurePath(upload.name or "upload").name
    check_upload(name=name, size=upload.size or 0)
    batch = ImportBatch(
        region=region,
        year=year,
        original_name=name[:255],
        size=upload.size or 0,
        created_by=by if getattr(by, "pk", None) else None,
    )
    batch.file.save(name, upload, save=False)
    batch.save()
    record(
        actor=by,
        verb="import.uploaded",
        obj=batch,
        after={"region": region.name, "year": year, "file": name, "size": batch.size},
    )
    return batch


# ---------------------------------------------------------------------------------------------- read


def _claim_for_parsing(batch_id: int) -> bool:
    """Move the batch to `parsing` unless another worker has it (a conditional UPDATE, safe to race)."""
    now = timezone.now()
    waiting = Q(status=ImportBatch.Status.QUEUED) | Q(
        status=ImportBatch.Status.PARSING, parse_started_at__lt=now - STALE_PARSE
    )
    claimed = ImportBatch.objects.filter(waiting, pk=batch_id).update(
        status=ImportBatch.Status.PARSING, parse_started_at=now
    )
    return claimed == 1


def _check_parsed(parsed: ParsedPlan, batch: ImportBatch) -> int:
    """Refuse what is not a decomposition table of this region; return the plan's year."""
    roles = set(parsed.column_roles.values())
    has_columns = "text" in roles and bool(roles & {"lead_units", "co_units"})
    if parsed.columns and not has_columns:
        raise ImportRefused("unknown_columns", columns="、".join(parsed.columns) or "—")
    if not parsed.tasks:
        raise ImportRefused("no_tasks")
    found_region = (parsed.document.region or "").strip()
    region = batch.region.name
    if found_region and found_region not in region and region not in found_region:
        raise ImportRefused("region_mismatch", found=found_region, region=region)
    found_year = parsed.document.year
    if batch.year and found_year and found_year != batch.year:
        raise ImportRefused("year_mismatch", found=f"{found_year}", year=f"{batch.year}")
    year = batch.year or found_year
    if not year:
        raise ImportRefused("no_year")
    return int(year)


def parse_batch(*, batch_id: int) -> ImportBatch:
    """Read the batch's file with taskdoc; keep the rows and their issues, or the reason it was refused.

    Runs in the background worker; claiming first makes a second run (or a second worker) a no-op.
    """
    if not _claim_for_parsing(batch_id):
        return ImportBatch.objects.get(pk=batch_id)
    batch = ImportBatch.objects.select_related("region").get(pk=batch_id)
    try:
        with batch.file.open("rb") as fh:
            data = fh.read()
        # The file's own year first, so a table of another year is caught; the chosen year only fills a gap.
        parsed = taskdoc.read_isolated(data, filename=batch.original_name)
        if parsed.document.year is None and batch.year:
            parsed = taskdoc.read_isolated(data, filename=batch.original_name, year=batch.year)
        year = _check_parsed(parsed, batch)
    except ImportRefused as refused:
        return _fail(batch, refused)
    except TaskdocError as exc:
        return _fail(batch, ImportRefused("unreadable", detail=str(exc)))
    except Exception:
        log.exception("reading import batch %s failed", batch_id)
        return _fail(batch, ImportRefused("parse_failed"))
    return _store_parsed(batch, plan_to_json(parsed), year)


@transaction.atomic
def _store_parsed(batch: ImportBatch, parsed: dict[str, Any], year: int) -> ImportBatch:
    batch.parsed = parsed
    batch.year = year
    batch.plan = Plan.objects.filter(region_id=batch.region_id, year=year).first()
    batch.status = ImportBatch.Status.PARSED
    batch.parsed_at = timezone.now()
    batch.save()
    record(
        actor="taskdoc",
        verb="import.parsed",
        obj=batch,
        after={"year": year, "rows": len(parsed["tasks"]), "issues": len(parsed["issues"])},
    )
    return batch


@transaction.atomic
def _fail(batch: ImportBatch, refused: ImportRefused) -> ImportBatch:
    batch.status = ImportBatch.Status.FAILED
    batch.error_code = refused.code
    batch.error_params = refused.params
    batch.parsed = None
    batch.save()
    record(actor="taskdoc", verb="import.refused", obj=batch, after={"code": refused.code, **refused.params})
    return batch


# ---------------------------------------------------------------------------------------------- preview


@dataclass
class UnknownName:
    name: str
    candidates: list[orgs_services.Candidate]
    chosen: int | None  # unit id, or None for "create a new unit"
    kind: str

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
    mapped = {n: units.get(batch.unit_mapping.get(n) or 0) for n in unknown}
    return known, mapped, unknown


def _target_name(name: str, known: dict[str, Unit], mapped: dict[str, Unit | None]) -> str:
    unit = known.get(name) or mapped.get(name)
    return unit.name if unit is not None else name


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
    region_units = list(Unit.objects.filter(region_id=batch.region_id).prefetch_related("aliases"))
    unknown_entries = [
        UnknownName(
            name=n,
            candidates=orgs_services.closest_units(batch.region, n, units=region_units),
            chosen=mapped[n].pk if mapped.get(n) is not None else None,  # type: ignore[union-attr]
            kind=orgs_services.infer_unit_kind(n),
        )
        for n in unknown
    ]
    year = int(batch.year or timezone.localdate().year)
    plan = Plan.objects.filter(region_id=batch.region_id, year=year).first()

    def name_of(n: str) -> str:
        return _target_name(n, known, mapped)

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


# ---------------------------------------------------------------------------------------------- map


def _require_open(batch: ImportBatch, *statuses: str) -> None:
    if batch.status not in statuses:
        raise ImportRefused("not_open", status=batch.get_status_display())


@transaction.atomic
def map_unit(*, batch: ImportBatch, name: str, unit: Unit | None, by: Any) -> ImportBatch:
    """Say which existing unit an unknown printed name means (unit=None: create it as a new unit)."""
    batch = ImportBatch.objects.select_for_update().select_related("region").get(pk=batch.pk)
    check_can_import(region=batch.region, by=by)
    _require_open(batch, ImportBatch.Status.PARSED)
    if name not in unit_names(batch.tasks):
        raise ValueError(f"{name!r} is not a unit name of this table")
    if unit is not None and unit.region_id != batch.region_id:
        raise ValueError("a unit of another region")
    before = batch.unit_mapping.get(name)
    batch.unit_mapping = {**batch.unit_mapping, name: unit.pk if unit else None}
    batch.save(update_fields=["unit_mapping"])
    record(
        actor=by,
        verb="import.unit_mapped",
        obj=batch,
        before={"name": name, "unit": before},
        after={"name": name, "unit": unit.pk if unit else None, "unit_name": unit.name if unit else None},
    )
    return batch


@transaction.atomic
def cancel_batch(*, batch: ImportBatch, by: Any) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().select_related("region").get(pk=batch.pk)
    check_can_import(region=batch.region, by=by)
    _require_open(batch, ImportBatch.Status.QUEUED, ImportBatch.Status.PARSED)
    batch.status = ImportBatch.Status.CANCELLED
    batch.save(update_fields=["status"])
    record(actor=by, verb="import.cancelled", obj=batch)
    return batch


# ---------------------------------------------------------------------------------------------- confirm


def _task_snapshot(facts: TaskFacts, status: str) -> dict[str, Any]:
    data = facts.values() | {"due_date": facts.due_date}
    data["indicators"] = len(facts.indicators)
    data["status"] = status
    return data


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
    units = dict(known)
    # Parents before their offices (财政局 before 财政局（国资办）), so each office finds its parent.
    for name in sorted(
        unknown, key=lambda n: (orgs_services.parent_unit_name(n) is not None, unknown.index(n))
    ):
        chosen = mapped.get(name)
        if chosen is not None:
            orgs_services.add_unit_alias(unit=chosen, alias=name, by=by)
            units[name] = chosen
        else:
            units[name] = orgs_services.create_unit(region=batch.region, name=name, by=by)
    return units


def _sections(plan: Plan, rows: list[dict[str, Any]]) -> dict[tuple[str, ...], Section]:
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
                by_path[prefix] = Section.objects.create(
                    plan=plan,
                    parent=by_path.get(prefix[:-1]),
                    title=prefix[-1][:255],
                    level=depth,
                    order=order,
                )
    return by_path


def _has_history(obj: Any) -> bool:
    """Whether any other record (a report, a reading …) points at obj; such rows are never deleted."""
    for rel in obj._meta.related_objects:
        if (rel.one_to_many or rel.one_to_one) and not rel.many_to_many:
            accessor = rel.related_model._default_manager.filter(**{rel.field.name: obj})
            if accessor.exists():
                return True
    return False


def _sync_units(task: Task, row: dict[str, Any], units: dict[str, Unit]) -> None:
    wanted: dict[tuple[int, str], int] = {}
    for role, key in ((Assignment.Role.LEAD, "lead_units"), (Assignment.Role.CO, "co_units")):
        for order, name in enumerate(row.get(key, [])):
            wanted.setdefault((units[name].pk, role), order)
    for a in list(task.assignments.all()):
        order = wanted.pop((a.unit_id, a.role), -1)
        if order < 0:
            if not _has_history(a):
                a.delete()
        elif a.order != order:
            a.order = order
            a.save(update_fields=["order"])
    Assignment.objects.bulk_create(
        Assignment(task=task, unit_id=unit_id, role=role, order=order)
        for (unit_id, role), order in wanted.items()
    )


def _sync_leaders(task: Task, row: dict[str, Any], people: dict[str, Person]) -> None:
    wanted: dict[int, int] = {}
    for order, name in enumerate(row.get("leaders", [])):
        wanted.setdefault(people[clean_person_name(name)].pk, order)
    for tl in list(task.task_leaders.all()):
        if tl.person_id in wanted:
            order = wanted.pop(tl.person_id)
            if tl.order != order:
                tl.order = order
                tl.save(update_fields=["order"])
        else:
            tl.delete()
    TaskLeader.objects.bulk_create(TaskLeader(task=task, person_id=pk, order=o) for pk, o in wanted.items())


def _sync_indicators(task: Task, row: dict[str, Any]) -> None:
    """Update indicators in place (matched by name and kind) so readings filed against them survive."""
    existing = list(task.indicators.all())
    for order, data in enumerate(row.get("indicators", [])):
        match = next((i for i in existing if (i.name, i.kind) == (data["name"], data["kind"])), None)
        fields = {
            "order": order,
            "name": data["name"][:255],
            "kind": data["kind"],
            "comparator": data["comparator"],
            "value": data.get("value"),
            "unit": (data.get("unit") or None) and str(data["unit"])[:32],
            "target_year": data["target_year"],
            "span": data.get("span") or "",
        }
        if match is not None:
            existing.remove(match)
            for k, v in fields.items():
                setattr(match, k, v)
            match.save()
        else:
            Indicator.objects.create(task=task, **fields)
    for leftover in existing:
        if not _has_history(leftover):
            leftover.delete()


def _create_task(plan: Plan, row: dict[str, Any], facts: TaskFacts, section: Section | None) -> Task:
    task = Task.objects.create(
        plan=plan,
        seq=facts.seq,
        text=facts.text,
        section=section,
        section_path=list(facts.section),
        due_date=facts.due_date,
        parse_issues=list(row.get("issues", [])),
    )
    return task


@transaction.atomic
def confirm_batch(*, batch: ImportBatch, by: Any) -> ImportBatch:
    """Create (or update) the region's plan for the year from the batch, in one transaction.

    New rows become tasks; rows whose seq exists update that task; tasks missing from the table are marked
    withdrawn. Nothing is deleted that anything else points at: reports and history stay.
    """
    batch = ImportBatch.objects.select_for_update().select_related("region").get(pk=batch.pk)
    check_can_import(region=batch.region, by=by)
    _require_open(batch, ImportBatch.Status.PARSED)
    assert batch.year is not None and batch.parsed is not None
    preview = build_preview(batch)
    diff = preview.diff
    _refuse_overlong_names(batch.tasks)
    units = _units_for(batch, by)
    people = {
        n: orgs_services.ensure_leader(region=batch.region, name=n, by=by) for n in leader_names(batch.tasks)
    }

    document = batch.parsed.get("document", {})
    meta = {
        "title": (document.get("title") or f"{batch.year}年政府工作报告目标任务责任分解表")[:255],
        "issuer": (document.get("issuer") or "")[:128],
        "doc_number": (document.get("doc_number") or "")[:64],
        "issued_on": dt.date.fromisoformat(document["date"]) if document.get("date") else None,
    }
    plan = Plan.objects.select_for_update().filter(region=batch.region, year=batch.year).first()
    if plan is None:
        plan = Plan.objects.create(
            region=batch.region,
            year=batch.year,
            source_file=batch.file.name,
            source_name=batch.original_name,
            **meta,
        )
        record(actor=by, verb="plan.created", obj=plan, after={**meta, "source": batch.original_name})
    else:
        before = {k: getattr(plan, k) for k in meta}
        if before != meta or not diff.is_empty:
            for k, v in meta.items():
                setattr(plan, k, v)
            plan.source_file.name = batch.file.name
            plan.source_name = batch.original_name
            plan.save()
            record(
                actor=by,
                verb="plan.updated",
                obj=plan,
                before=before,
                after={**meta, "source": batch.original_name},
            )

    sections = _sections(plan, batch.tasks)
    existing = {t.seq: t for t in _plan_tasks(plan)}

    def name_of(n: str) -> str:
        return units[n].name

    seen: set[int] = set()
    for row in batch.tasks:
        facts = _row_facts(row, batch.year, name_of)
        seen.add(facts.seq)
        section = sections.get(facts.section) if facts.section else None
        task = existing.get(facts.seq)
        if task is None:
            task = _create_task(plan, row, facts, section)
            _sync_units(task, row, units)
            _sync_leaders(task, row, people)
            _sync_indicators(task, row)
            record(actor=by, verb="task.created", obj=task, after=_task_snapshot(facts, task.status))
            continue
        old = _task_facts(task)
        issues = list(row.get("issues", []))
        if old.values() == facts.values() and old.active:
            if task.parse_issues != issues:
                task.parse_issues = issues
                task.save(update_fields=["parse_issues"])
            continue
        task.text = facts.text
        task.section = section
        task.section_path = list(facts.section)
        task.parse_issues = issues
        task.status = Task.Status.ACTIVE
        task.save()
        _sync_units(task, row, units)
        _sync_leaders(task, row, people)
        _sync_indicators(task, row)
        record(
            actor=by,
            verb="task.restored" if not old.active else "task.updated",
            obj=task,
            before=_task_snapshot(old, Task.Status.WITHDRAWN if not old.active else Task.Status.ACTIVE),
            after=_task_snapshot(facts, task.status),
        )
    for seq, task in existing.items():
        if seq not in seen and task.status == Task.Status.ACTIVE:
            task.status = Task.Status.WITHDRAWN
            task.save(update_fields=["status"])
            record(
                actor=by,
                verb="task.withdrawn",
                obj=task,
                before={"status": Task.Status.ACTIVE},
                after={"status": Task.Status.WITHDRAWN},
            )

    batch.status = ImportBatch.Status.CONFIRMED
    batch.plan = plan
    batch.summary = diff.counts()
    batch.confirmed_by = by if getattr(by, "pk", None) else None
    batch.confirmed_at = timezone.now()
    batch.save()
    record(actor=by, verb="import.confirmed", obj=batch, after={"plan": plan.pk, **diff.counts()})
    return batch
