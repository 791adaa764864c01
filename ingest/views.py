"""Import pages: upload → progress (polled by htmx) → preview with unit mapping and diff → confirm.

Each view reads top to bottom: access → form → service → redirect.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ingest import services
from ingest.access import access_batch, importable_regions, visible_batches
from ingest.errors import ImportRefused
from ingest.forms import NEW_UNIT, MapUnitForm, UploadForm
from ingest.models import ImportBatch
from ingest.tasks import parse_batch_task

log = logging.getLogger(__name__)

WORKER_HINT_AFTER = 10  # seconds a batch may wait before the page offers to read it right here

FIELD_LABELS = {
    "text": gettext_lazy("Task"),
    "section": gettext_lazy("Section"),
    "lead_units": gettext_lazy("Lead units"),
    "co_units": gettext_lazy("Co-units"),
    "leaders": gettext_lazy("Leaders"),
    "indicators": gettext_lazy("Indicators"),
}


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "ingest/forbidden.html", status=403)


def _enqueue(batch: ImportBatch) -> None:
    """Hand the batch to the background worker (the upload is already committed: views are not atomic)."""
    try:
        parse_batch_task.enqueue(batch.pk)
    except Exception:  # the progress page still offers to read it here
        log.exception("could not enqueue import batch %s", batch.pk)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    regions = importable_regions(request.user)
    if not regions.exists():
        return _forbidden(request)
    form = UploadForm(request.POST or None, request.FILES or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(
                region=form.cleaned_data["region"],
                year=form.cleaned_data["year"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ImportRefused as refused:
            form.add_error(None, refused.message)
        else:
            _enqueue(batch)
            return redirect("ingest:batch", batch.pk)
    recent = visible_batches(request.user)[:20]
    return render(request, "ingest/upload.html", {"form": form, "recent": recent})


def _display(field: str, value: Any) -> str:
    if field == "indicators":
        return (
            "；".join(f"{i[0]} {i[2]} {'' if i[3] is None else f'{i[3]:g}'}{i[4] or ''}" for i in value)
            or "—"
        )
    if isinstance(value, tuple):
        return "、".join(value) if field != "section" else " › ".join(value) or "—"
    return str(value)


@login_required
@require_GET
def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    item = access_batch(request.user, batch_id)
    if item.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.PARSING):
        return render(request, "ingest/progress.html", _progress_context(item))
    if item.status != ImportBatch.Status.PARSED:
        return render(request, "ingest/result.html", {"batch": item})
    preview = services.build_preview(item)
    changes = [
        {
            "seq": c.seq,
            "text": c.text,
            "fields": [
                {"label": FIELD_LABELS[f], "before": _display(f, old), "after": _display(f, new)}
                for f, (old, new) in c.fields.items()
            ],
        }
        for c in preview.diff.changed
    ]
    rows_by_seq = {int(r["seq"]): r for r in preview.rows}
    context = {
        "batch": item,
        "preview": preview,
        "document": (item.parsed or {}).get("document", {}),
        "document_issues": [i for i in (item.parsed or {}).get("issues", []) if i.get("seq") is None],
        "changes": changes,
        "added_rows": [rows_by_seq[s] for s in preview.diff.added if s in rows_by_seq],
        "restored_rows": [rows_by_seq[s] for s in preview.diff.restored if s in rows_by_seq],
        "withdrawn": sorted(preview.diff.withdrawn_texts.items()),
        "new_unit": NEW_UNIT,
    }
    return render(request, "ingest/preview.html", context)


def _progress_context(item: ImportBatch) -> dict[str, Any]:
    waited = (timezone.now() - item.created_at).total_seconds()
    reading = (timezone.now() - item.parse_started_at).total_seconds() if item.parse_started_at else 0
    return {
        "batch": item,
        "waited": int(waited),
        "reading": int(reading),
        "offer_read_here": item.status == ImportBatch.Status.QUEUED and waited > WORKER_HINT_AFTER,
    }


@login_required
@require_GET
def batch_status(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Polled every second by the progress page; sends the browser on once the file has been read."""
    item = access_batch(request.user, batch_id)
    if item.status not in (ImportBatch.Status.QUEUED, ImportBatch.Status.PARSING):
        response = HttpResponse("")
        response["HX-Redirect"] = reverse("ingest:batch", args=[item.pk])
        return response
    return render(request, "ingest/_progress_status.html", _progress_context(item))


@login_required
@require_POST
def parse_now(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Read the file in this request when no background worker has picked it up."""
    item = access_batch(request.user, batch_id)
    services.parse_batch(batch_id=item.pk)
    return redirect("ingest:batch", item.pk)


@login_required
@require_POST
def map_unit(request: HttpRequest, batch_id: int) -> HttpResponse:
    item = access_batch(request.user, batch_id)
    form = MapUnitForm(request.POST, region=item.region)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered units, or create a new one."))
        return redirect("ingest:batch", item.pk)
    try:
        services.map_unit(
            batch=item, name=form.cleaned_data["name"], unit=form.cleaned_data["unit"], by=request.user
        )
    except ImportRefused as refused:
        messages.error(request, refused.message)
    except ValueError:
        messages.error(request, _("That unit name is not in this table."))
    else:
        if request.headers.get("HX-Request"):
            return render(request, "ingest/_mapped.html", {"unit": form.cleaned_data["unit"]})
        messages.success(request, _("Saved."))
    return redirect("ingest:batch", item.pk)


@login_required
@require_POST
def confirm(request: HttpRequest, batch_id: int) -> HttpResponse:
    item = access_batch(request.user, batch_id)
    try:
        item = services.confirm_batch(batch=item, by=request.user)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("ingest:batch", item.pk)
    counts = item.summary or {}
    messages.success(
        request,
        _(
            "Imported: %(added)s new, %(changed)s changed, %(withdrawn)s withdrawn, %(restored)s restored, "
            "%(unchanged)s unchanged."
        )
        % {k: counts.get(k, 0) for k in ("added", "changed", "withdrawn", "restored", "unchanged")},
    )
    assert item.plan_id is not None  # noqa: S101 -- narrows the type: a confirmed batch has its plan
    return redirect("targets:task_list", item.plan_id)


@login_required
@require_POST
def cancel(request: HttpRequest, batch_id: int) -> HttpResponse:
    item = access_batch(request.user, batch_id)
    try:
        services.cancel_batch(batch=item, by=request.user)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("ingest:batch", item.pk)
    messages.success(request, _("The import was cancelled; nothing was changed."))
    return redirect("ingest:upload")
