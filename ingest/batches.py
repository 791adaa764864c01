"""An import batch's life before confirming: upload, read (in the background), map unknown units, cancel.

Each business action is one function with keyword-only arguments, atomic and audited.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

import taskdoc
from audit.services import record
from ingest.errors import ImportRefused
from ingest.models import ImportBatch
from ingest.rows import plan_to_json, unit_names
from orgs.models import Region, Unit
from orgs.roles import is_command_line, roles_of
from targets.models import Plan
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
    """Only the region's supervision office (or an admin, or the command line) imports its plan."""
    if is_command_line(by):  # manage.py import_plan, manage.py demo
        return
    if not roles_of(by).supervises(region.pk):  # no one signed in has no roles
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
def create_batch(*, region: Region, year: int | None, upload: File[Any], by: Any) -> ImportBatch:
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


def read_table(*, data: bytes, name: str, batch: ImportBatch) -> tuple[dict[str, Any], int]:
    """Read a file's bytes as the batch's table: (the rows as JSON, the plan's year). Writes nothing;
    raises ImportRefused for what cannot be this region's table."""
    try:
        # The file's own year first, so a table of another year is caught; the chosen year only fills a gap.
        parsed = taskdoc.read_isolated(data, filename=name)
        if parsed.document.year is None and batch.year:
            parsed = taskdoc.read_isolated(data, filename=name, year=batch.year)
        year = _check_parsed(parsed, batch)
    except TaskdocError as exc:
        raise ImportRefused.from_taskdoc(exc) from exc
    return plan_to_json(parsed), year


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
        parsed, year = read_table(data=data, name=batch.original_name, batch=batch)
    except ImportRefused as refused:
        return _fail(batch, refused)
    except Exception:
        log.exception("reading import batch %s failed", batch_id)
        return _fail(batch, ImportRefused("parse_failed"))
    return _store_parsed(batch, parsed, year)


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
