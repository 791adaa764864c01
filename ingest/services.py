"""Importing a decomposition table: upload → read (in the background) → preview and map units → confirm.

The steps live in their own modules (`batches`: upload, read, map, cancel; `preview`: what confirming
would do; `confirm`: the plan written through the targets services); this module names them in one place.
"""

from __future__ import annotations

from ingest.batches import (
    ALLOWED_SUFFIXES,
    cancel_batch,
    check_can_import,
    check_upload,
    create_batch,
    map_unit,
    max_upload_bytes,
    parse_batch,
    read_table,
)
from ingest.confirm import confirm_batch
from ingest.preview import Preview, UnknownName, build_preview

__all__ = [
    "ALLOWED_SUFFIXES",
    "Preview",
    "UnknownName",
    "build_preview",
    "cancel_batch",
    "check_can_import",
    "check_upload",
    "confirm_batch",
    "create_batch",
    "map_unit",
    "max_upload_bytes",
    "parse_batch",
    "read_table",
]
