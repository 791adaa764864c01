"""投诉建议 (RULES.md rule 8): a unit's complaint or suggestion to the supervision office, and its answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region, Unit

SUBJECT_MAX = 100
TEXT_MAX = 2000


class Feedback(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("complaint")
        SUGGESTION = "suggestion", _("suggestion")

    class State(models.TextChoices):
        OPEN = "open", _("awaiting the office's answer")
        ANSWERED = "answered", _("answered")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    text = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("complaint or suggestion")
        verbose_name_plural = _("complaints and suggestions")
        indexes = [models.Index(fields=["region", "state"], name="feedback_region_state")]

    def __str__(self) -> str:
        return self.subject
