"""An import batch: one uploaded decomposition table, what the parser read from it, and how it ended."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region
from targets.models import Plan


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        PARSING = "parsing", _("being read")
        PARSED = "parsed", _("ready for review")
        FAILED = "failed", _("refused")
        CONFIRMED = "confirmed", _("imported")
        CANCELLED = "cancelled", _("cancelled")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="import_batches"
    )
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    file = models.FileField(_("uploaded file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    error_code = models.CharField(_("why it was refused"), max_length=32, blank=True)
    error_params = models.JSONField(_("details of the refusal"), default=dict, blank=True)
    parsed = models.JSONField(_("rows read from the file"), null=True, blank=True)
    unit_mapping = models.JSONField(_("unknown unit names mapped"), default=dict, blank=True)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    summary = models.JSONField(_("what the import changed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    parse_started_at = models.DateTimeField(_("reading started at"), null=True, blank=True)
    parsed_at = models.DateTimeField(_("read at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.region.name} {self.year or ''} · {self.original_name}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.PARSING, self.Status.PARSED)

    @property
    def error_message(self) -> str:
        from ingest.errors import message_for

        return message_for(self.error_code, self.error_params) if self.error_code else ""

    @property
    def tasks(self) -> list[dict[str, Any]]:
        return list((self.parsed or {}).get("tasks", []))
