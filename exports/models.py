"""Drafted and issued official documents (季度通报, 半年评估, 年度考核结果, 约谈记录).

A draft's text (title, addressee, body) is edited by the office; the layout is not. Issuing numbers the
document, freezes it as .docx and .pdf, and never changes it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region
from targets.models import Plan, Task


class Document(models.Model):
    class Kind(models.TextChoices):
        BULLETIN = "bulletin", _("quarterly bulletin")
        HALF_YEAR = "half_year", _("half-year evaluation")
        ANNUAL = "annual", _("annual assessment results")
        INTERVIEW = "interview", _("interview record")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="+")
    task = models.ForeignKey(
        Task, verbose_name=_("task"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=16, blank=True)
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    addressee = models.CharField(_("addressee"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    organ = models.CharField(_("issuing office"), max_length=128)
    attachments = models.JSONField(_("attached tables"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True)
    number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    docx = models.BinaryField(_("Word file"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF file"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="document_serial_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT
