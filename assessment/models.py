"""The annual assessment of a plan: the rubric used, every unit's score with its explanation, objections.

A result goes draft → published (units see their own score and may object within the window) → frozen
(immutable, its hash recorded). A frozen result is reopened only by a recorded decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region, Unit
from targets.models import Plan


class RubricVersion(models.Model):
    """The office's numbers for a region and year; each save is a new version, the latest applies."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("rubric"), default=dict)
    created_by_name = models.CharField(_("saved by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["region", "year", "-version"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "version"], name="rubric_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} v{self.version}"


class Assessment(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published for objections")
        FROZEN = "frozen", _("frozen")

    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="assessment"
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    rubric = models.JSONField(_("rubric used"), default=dict)
    computed_on = models.DateField(_("computed as of"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    objections_until = models.DateField(_("objections until"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    frozen_hash = models.CharField(_("hash of the frozen result"), max_length=64, blank=True)
    public = models.BooleanField(_("published to the public"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.plan} ({self.get_state_display()})"


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("peer group"), max_length=32)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=8)
    rank = models.PositiveIntegerField(_("rank in the group"))
    components = models.JSONField(_("components"), default=dict)
    lines = models.JSONField(_("explanation"), default=list)

    class Meta:
        ordering = ["assessment", "group", "rank", "unit__name"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "unit"], name="score_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.total}"


class Objection(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("awaiting the office")
        ANSWERED = "answered", _("answered")

    score = models.ForeignKey(
        Score, verbose_name=_("score"), on_delete=models.CASCADE, related_name="objections"
    )
    text = models.TextField(_("objection"))
    evidence = models.FileField(_("evidence"), upload_to="objections/%Y/", blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_on = models.DateField(_("filed on"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.score} {self.filed_on}"
