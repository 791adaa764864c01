"""`manage.py import_plan FILE --region R [--year Y]`: the upload, the read and the confirm in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from ingest import services
from ingest.errors import ImportRefused
from ingest.models import ImportBatch
from ingest.rows import unit_names
from orgs.models import Region

ACTOR = "manage.py import_plan"


class Command(BaseCommand):
    help = "Import a decomposition table (.docx/.xlsx/.pdf/.txt) as the plan of a region and year."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--region", required=True, help="region name, e.g. 泉港区 (created if missing)")
        parser.add_argument("--year", type=int, default=None, help="plan year (default: read from the file)")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        batch = import_file(
            path, region_name=options["region"], year=options["year"], dry_run=options["dry_run"], out=self
        )
        if batch.status == ImportBatch.Status.FAILED:
            raise CommandError(batch.error_message)

    def say(self, line: str) -> None:
        self.stdout.write(line)


def import_file(
    path: Path, *, region_name: str, year: int | None, dry_run: bool, out: Any, file_name: str | None = None
) -> ImportBatch:
    """Import a table file; `file_name` is the name the import page shows (default: the file's own)."""
    name = region_name.strip()
    if dry_run:
        return _dry_run(path, region_name=name, year=year, out=out)
    region, _ = Region.objects.get_or_create(name=name)
    try:
        with path.open("rb") as fh:
            batch = services.create_batch(
                region=region, year=year, upload=File(fh, name=file_name or path.name), by=ACTOR
            )
    except ImportRefused as refused:
        raise CommandError(refused.message) from refused
    batch = services.parse_batch(batch_id=batch.pk)
    if batch.status != ImportBatch.Status.PARSED:
        return batch
    _describe(batch, out)
    try:
        return services.confirm_batch(batch=batch, by=ACTOR)
    except ImportRefused as refused:
        raise CommandError(refused.message) from refused


def _dry_run(path: Path, *, region_name: str, year: int | None, out: Any) -> ImportBatch:
    """Read and compare without writing a row: the batch, and the region if it is new, stay in memory."""
    region = Region.objects.filter(name=region_name).first() or Region(name=region_name)
    data = path.read_bytes()
    batch = ImportBatch(region=region, year=year, original_name=path.name, size=len(data))
    try:
        services.check_upload(name=path.name, size=len(data))
        batch.parsed, batch.year = services.read_table(data=data, name=path.name, batch=batch)
    except ImportRefused as refused:
        raise CommandError(refused.message) from refused
    batch.status = ImportBatch.Status.PARSED
    if region.pk is None:
        units = len(unit_names(batch.tasks))
        out.say(f"{region_name} {batch.year}: a new region; {len(batch.tasks)} rows, {units} new unit names")
    else:
        _describe(batch, out)
    out.say("dry run: nothing was written")
    return batch


def _describe(batch: ImportBatch, out: Any) -> None:
    preview = services.build_preview(batch)
    counts = preview.diff.counts()
    out.say(
        f"{batch.region.name} {batch.year}: {len(preview.rows)} rows, {preview.rows_with_issues} with issues, "
        f"{len(preview.unknown)} new unit names; " + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    for change in preview.diff.changed:
        out.say(f"  changed {change.seq}: {', '.join(change.fields)}")
    if preview.diff.added and not preview.diff.is_new_plan:
        out.say(f"  added: {preview.diff.added}")
    if preview.diff.withdrawn:
        out.say(f"  withdrawn: {preview.diff.withdrawn}")
