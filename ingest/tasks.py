"""Background work of the import: reading a large table takes seconds, so the upload page does not wait."""

from __future__ import annotations

from django_tasks import task

from ingest import services


@task()
def parse_batch_task(batch_id: int) -> str:
    """Read one uploaded batch (claims it first, so running it twice is harmless)."""
    return services.parse_batch(batch_id=batch_id).status
