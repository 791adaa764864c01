"""The supervision loop's facts: scans and their light snapshots, notices (督办单) and their numbers,
interviews (约谈), extensions (延期), adjustments, light overrides, reminders and commendations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region, Unit
from progress.models import Period
from targets.models import Task

COLORS = [
    ("green", _("green")),
    ("amber", _("amber")),
    ("red", _("red")),
    ("blue", _("blue")),
    ("grey", _("grey")),
]


class Scan(models.Model):
    """One run of `manage.py supervise` for a region on a date (a second run on the same date reuses it)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("date"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["region", "on"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        constraints = [models.UniqueConstraint(fields=["region", "on"], name="scan_one_per_region_day")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.on}"


class LightSnapshot(models.Model):
    """A task's light at a scan; `units` holds each lead unit's own light: {unit_id: [color, reasons]}."""

    scan = models.ForeignKey(Scan, verbose_name=_("scan"), on_delete=models.CASCADE, related_name="lights")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+")
    color = models.CharField(_("light"), max_length=8, choices=COLORS)
    reasons = models.JSONField(_("reasons"), default=list)
    units = models.JSONField(_("lights per unit"), default=dict)

    class Meta:
        ordering = ["scan", "task"]
        verbose_name = _("light snapshot")
        verbose_name_plural = _("light snapshots")
        constraints = [models.UniqueConstraint(fields=["scan", "task"], name="snapshot_one_per_scan_task")]

    def __str__(self) -> str:
        return f"{self.task_id} {self.color}"


class LadderRound(models.Model):
    """The monthly ladder scan: the first scan after a period's review closed. Red and amber "at two
    scans running" compare rounds."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    scan = models.ForeignKey(Scan, verbose_name=_("scan"), on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("date"))

    class Meta:
        ordering = ["region", "on"]
        verbose_name = _("ladder round")
        verbose_name_plural = _("ladder rounds")
        constraints = [models.UniqueConstraint(fields=["region", "period"], name="round_one_per_period")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.on}"


class NoticeCounter(models.Model):
    """The last 文号 given in a region and year; locked while a notice is numbered (no gaps, no twins)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("notice counter")
        verbose_name_plural = _("notice counters")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="counter_one_per_region_year")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.last}"


class Notice(models.Model):
    """A 督办单 (level 1, 2) or a proposal of accountability (3) or referral (4) about a task and a unit."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        DISMISSED = "dismissed", _("dismissed")
        ISSUED = "issued", _("issued, awaiting the answer")
        PENDING_APPROVAL = "pending_approval", _("answer awaiting the unit leader")
        ANSWERED = "answered", _("answered, awaiting the office")
        RETURNED = "returned", _("answer returned")
        ACCEPTED = "accepted", _("answer accepted")
        CLOSED = "closed", _("closed")

    OPEN_STATES = ("issued", "pending_approval", "returned")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="notices")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="notices")
    year = models.PositiveIntegerField(_("year"))
    level = models.PositiveSmallIntegerField(_("level"))
    rule = models.CharField(_("rule"), max_length=32)
    reasons = models.JSONField(_("reasons"), default=list)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    proposed_on = models.DateField(_("proposed on"))
    proposed_by_name = models.CharField(_("proposed by"), max_length=150, blank=True)
    seq_no = models.PositiveIntegerField(_("serial number"), null=True, blank=True)
    number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    close_text = models.TextField(_("closing text"), blank=True)
    close_checklist = models.JSONField(_("closing checklist"), default=list, blank=True)
    close_similar_to = models.JSONField(_("closing text nearly the same as"), default=list, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["-proposed_on", "-level", "task_id"]
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        constraints = [
            # the scan's idempotence: one notice of a level per task, unit and year
            models.UniqueConstraint(fields=["task", "unit", "level", "year"], name="notice_one_per_step"),
            models.UniqueConstraint(fields=["region", "year", "seq_no"], name="notice_number_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="notice_level_1_4"),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk} L{self.level}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class Interview(models.Model):
    """约谈: proposed with an L2 notice; held on a date with participants, minutes, a rectification plan."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        HELD = "held", _("held")
        DISMISSED = "dismissed", _("dismissed")

    notice = models.OneToOneField(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="interview"
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PROPOSED)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to="interviews/%Y/", blank=True)
    rectification_plan = models.TextField(_("rectification plan"), blank=True)
    rectification_due = models.DateField(_("rectification plan due"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up report"), blank=True)
    follow_up_due = models.DateField(_("follow-up report due"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.notice} {self.state}"


class Extension(models.Model):
    """延期: asked by the liaison, approved by the unit leader, decided by the office."""

    class State(models.TextChoices):
        PENDING_APPROVAL = "pending_approval", _("awaiting the unit leader")
        PENDING_DECISION = "pending_decision", _("awaiting the office")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="extensions"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    old_date = models.DateField(_("due date"))
    new_date = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    progress = models.TextField(_("progress so far"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING_APPROVAL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_comment = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["-requested_on"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.task_id} → {self.new_date}"


class Adjustment(models.Model):
    """A task changed or cancelled by decision: its light turns grey."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")

    def __str__(self) -> str:
        return f"{self.task_id} {self.on}"


class LightOverride(models.Model):
    """A person sets a task's light with a written reason; the latest active one wins."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+")
    color = models.CharField(_("light"), max_length=8, choices=COLORS)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(_("by (name)"), max_length=150)
    on = models.DateField(_("date"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("light override")
        verbose_name_plural = _("light overrides")

    def __str__(self) -> str:
        return f"{self.task_id} {self.color}"


class Reminder(models.Model):
    """A reminder (5 and 1 working days before a deadline) or a chase (the working day after), proposed by
    the scan for the notification service to send."""

    class Kind(models.TextChoices):
        BEFORE_5 = "before_5", _("reminder, 5 working days before")
        BEFORE_1 = "before_1", _("reminder, 1 working day before")
        CHASE = "chase", _("chase, the working day after")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    due = models.DateField(_("deadline"))
    on = models.DateField(_("proposed on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["on", "task_id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["kind", "task", "unit", "period"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.task_id} {self.on}"


class Commendation(models.Model):
    """通报表扬, proposed for a task done early or a unit all green in a quarter; confirmed by the office."""

    class Kind(models.TextChoices):
        DONE_EARLY = "done_early", _("task done early")
        ALL_GREEN = "all_green", _("unit all green in a quarter")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=64)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(
        Task, verbose_name=_("task"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reasons = models.JSONField(_("reasons"), default=list)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PROPOSED)
    proposed_on = models.DateField(_("proposed on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-proposed_on"]
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="commendation_once")]

    def __str__(self) -> str:
        return self.key
