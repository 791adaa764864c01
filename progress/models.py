"""The reporting loop's facts: periods and their calendar, progress reports, their versions, readings,
co-units' input and evidence files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region, Unit
from targets.models import Indicator, Plan, Task


class CalendarConfig(models.Model):
    """When reports are due. One row per region (plan empty) and optionally one per plan; a plan's row wins.

    Defaults are the seeds' notice and RULES.md: monthly reports on the 5th working day of the next month,
    periods locking 5 working days later, summaries on 06-17 and 12-15.
    """

    class Routine(models.TextChoices):
        MONTH = "month", _("monthly")
        QUARTER = "quarter", _("quarterly")

    # What the supervision office may change on its calendar page.
    EDITABLE_FIELDS = (
        "routine",
        "routine_due_working_day",
        "lock_after_working_days",
        "half_year_due_month",
        "half_year_due_day",
        "annual_due_month",
        "annual_due_day",
        "summaries_need_signoff",
    )

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="calendar_configs"
    )
    plan = models.OneToOneField(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_config",
    )
    routine = models.CharField(
        _("routine reports"), max_length=8, choices=Routine.choices, default=Routine.MONTH
    )
    routine_due_working_day = models.PositiveSmallIntegerField(
        _("routine report due on working day no. of the next month"), default=5
    )
    lock_after_working_days = models.PositiveSmallIntegerField(
        _("review closes this many working days after the due date"), default=5
    )
    half_year_due_month = models.PositiveSmallIntegerField(_("half-year summary due (month)"), default=6)
    half_year_due_day = models.PositiveSmallIntegerField(_("half-year summary due (day)"), default=17)
    annual_due_month = models.PositiveSmallIntegerField(_("annual summary due (month)"), default=12)
    annual_due_day = models.PositiveSmallIntegerField(_("annual summary due (day)"), default=15)
    summaries_need_signoff = models.BooleanField(_("summaries need the unit leader's sign-off"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reporting calendar")
        verbose_name_plural = _("reporting calendars")
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=models.Q(plan__isnull=True), name="calendar_one_per_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan or self.region}"


class HolidayYear(models.Model):
    """A year's official holidays and adjusted working days (调休), entered by the office when the holiday
    library does not know the year yet. Region empty: applies everywhere."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holiday_years",
    )
    year = models.PositiveIntegerField(_("year"))
    holidays = models.JSONField(_("holidays"), default=list, blank=True)
    workdays = models.JSONField(_("adjusted working days"), default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("holiday calendar of a year")
        verbose_name_plural = _("holiday calendars")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="holiday_year_unique"),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(region__isnull=True), name="holiday_year_unique_global"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region or '*'} {self.year}"


class Period(models.Model):
    class Kind(models.TextChoices):
        MONTH = "month", _("monthly report")
        QUARTER = "quarter", _("quarterly report")
        HALF_YEAR = "half_year", _("half-year summary")
        YEAR = "year", _("annual summary")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due_date = models.DateField(_("due date"))
    lock_date = models.DateField(_("review closes on"))
    provisional = models.BooleanField(
        _("due date assumes weekends only (holidays of that year not known yet)"), default=False
    )
    locked = models.BooleanField(_("locked"), default=False)
    review_closed_at = models.DateTimeField(_("review closed at"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "due_date", "kind"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "start"], name="period_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_summary(self) -> bool:
        return self.kind in (self.Kind.HALF_YEAR, self.Kind.YEAR)

    @property
    def label(self) -> str:
        if self.kind == self.Kind.MONTH:
            return str(_("%(year)s-%(month)02d monthly report")) % {
                "year": self.start.year,
                "month": self.start.month,
            }
        if self.kind == self.Kind.QUARTER:
            q = (self.start.month - 1) // 3 + 1
            return str(_("%(year)s Q%(q)s report")) % {"year": self.start.year, "q": q}
        if self.kind == self.Kind.HALF_YEAR:
            return str(_("%(year)s half-year summary")) % {"year": self.start.year}
        return str(_("%(year)s annual summary")) % {"year": self.start.year}


class ProgressReport(models.Model):
    """What the lead unit reports for a task in a period. One per task, unit and period; every save
    bumps `version` with a conditional UPDATE and leaves an immutable ReportVersion behind."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        LAGGING = "lagging", _("lagging")
        DONE = "done", _("done")

    class State(models.TextChoices):
        PENDING_SIGNOFF = "pending_signoff", _("awaiting the unit leader's sign-off")
        FILED = "filed", _("awaiting review")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"))
    text = models.TextField(_("progress"))
    no_change = models.BooleanField(_("confirmed as unchanged"), default=False)
    state = models.CharField(_("review state"), max_length=16, choices=State.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"))
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        ordering = ["period__due_date", "task__seq"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "period"], name="report_one_per_task_unit_period"
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="report_percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.task.seq} · {self.unit.name} · {self.period.label}"

    @property
    def editable(self) -> bool:
        return self.state != self.State.ACCEPTED and not self.period.locked


class ReportVersion(models.Model):
    """A report as it stood after one action; never changed afterwards (全周期档案)."""

    class Action(models.TextChoices):
        FILED = "filed", _("filed")
        NO_CHANGE = "no_change", _("confirmed no change")
        SIGNED_OFF = "signed_off", _("signed off")
        SENT_BACK = "sent_back", _("sent back by the unit leader")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")
        REOPENED = "reopened", _("reopened by the supervision office")
        RELEASED = "released", _("sent on: sign-off switched off")

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    state = models.CharField(_("review state"), max_length=16, choices=ProgressReport.State.choices)
    status = models.CharField(_("status"), max_length=12, choices=ProgressReport.Status.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"))
    text = models.TextField(_("progress"))
    readings = models.JSONField(_("indicator readings"), default=list, blank=True)
    evidence = models.JSONField(_("evidence files"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Versions are the archive: written once, never edited.
        if self.pk is not None:
            raise ValueError("report versions are immutable")
        super().save(*args, **kwargs)


class IndicatorReading(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="readings"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="readings"
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["report", "indicator__order"]
        verbose_name = _("indicator reading")
        verbose_name_plural = _("indicator readings")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="reading_one_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value}"


class CoInput(models.Model):
    """A co-unit's part of the lead unit's report for a task and period. Appended, never overwritten."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="co_inputs")
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="co_inputs"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("co-unit"), on_delete=models.PROTECT, related_name="co_inputs"
    )
    text = models.TextField(_("input"))
    nothing_to_add = models.BooleanField(_("nothing to add this period"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["task", "period", "at"]
        verbose_name = _("co-unit input")
        verbose_name_plural = _("co-unit input")

    def __str__(self) -> str:
        return f"{self.task_id} · {self.unit.name}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.report.task.plan_id}/{instance.report_id}/{filename}"


class Evidence(models.Model):
    """An optional file supporting a report (pdf, docx, xlsx, jpg, png; at most 10 MB)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["report", "uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name
