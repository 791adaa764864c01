"""Plans (decomposition tables), their sections and tasks, who answers for each task, and its targets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgs.models import Person, Region, Unit


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    issuer = models.CharField(_("issuer"), max_length=128, blank=True)
    doc_number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    source_file = models.FileField(_("source file"), upload_to="plans/%Y/", blank=True)
    source_name = models.CharField(_("source file name"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    # the office opts a plan into the public page (/public/), one plan at a time (docs/decisions/0011)
    published = models.BooleanField(_("on the public page"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year", "region__name"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="plan_one_per_region_year")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} · {self.title}"


class Section(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=255)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title

    def path(self) -> list[str]:
        titles: list[str] = []
        node: Section | None = self
        while node is not None:
            titles.insert(0, node.title)
            node = node.parent
        return titles


class Task(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Tag(models.TextChoices):
        KEY_INDICATOR = "key_indicator", _("key indicator")
        KEY_PROJECT = "key_project", _("key project")
        REFORM = "reform", _("reform")
        LIVELIHOOD = "livelihood", _("livelihood project")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    seq = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("task"))
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    section_path = models.JSONField(_("section path"), default=list, blank=True)
    due_date = models.DateField(_("due date"))
    tags = models.JSONField(_("tags"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    parse_issues = models.JSONField(_("issues found when reading the table"), default=list, blank=True)
    units = models.ManyToManyField(Unit, through="Assignment", related_name="tasks", verbose_name=_("units"))
    leaders = models.ManyToManyField(
        Person, through="TaskLeader", related_name="led_tasks", verbose_name=_("leaders in charge")
    )

    class Meta:
        ordering = ["plan", "seq"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="task_unique_seq_in_plan")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.text[:40]}"

    # Lists prefetched by targets.access.with_details (to_attr), or queried when used on a lone task.
    def _assignment_list(self) -> list[Assignment]:
        cached = getattr(self, "assignment_list", None)
        return cached if cached is not None else list(self.assignments.select_related("unit"))

    @property
    def lead_units(self) -> list[Unit]:
        return [a.unit for a in self._assignment_list() if a.role == Assignment.Role.LEAD]

    @property
    def co_units(self) -> list[Unit]:
        return [a.unit for a in self._assignment_list() if a.role == Assignment.Role.CO]

    @property
    def leader_people(self) -> list[Person]:
        cached = getattr(self, "leader_list", None)
        links = cached if cached is not None else list(self.task_leaders.select_related("person"))
        return [tl.person for tl in links]

    @property
    def indicator_items(self) -> list[Indicator]:
        cached = getattr(self, "indicator_list", None)
        return cached if cached is not None else list(self.indicators.all())

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead unit")
        CO = "co", _("co-unit")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["task", "role", "order"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["task", "unit", "role"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.task.seq} · {self.unit.name} ({self.get_role_display()})"


class TaskLeader(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="task_leaders"
    )
    person = models.ForeignKey(Person, verbose_name=_("leader"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["task", "order"]
        verbose_name = _("task leader")
        verbose_name_plural = _("task leaders")
        constraints = [models.UniqueConstraint(fields=["task", "person"], name="task_leader_unique")]

    def __str__(self) -> str:
        return f"{self.task.seq} · {self.person.name}"


COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "", "~": "≈"}


def target_text(comparator: str, value: float | None, unit: str | None) -> str:
    """How a target reads on a page: ≥1500亿元, ≤5.5%, ≈6%, 2倍."""
    if value is None:
        return ""
    return f"{COMPARATOR_SIGNS.get(comparator, comparator)}{value:g}{unit or ''}"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        GROWTH_RATE = "growth_rate", _("growth rate")
        DECLINE_RATE = "decline_rate", _("decline rate")
        ANNUAL_AVG_GROWTH = "annual_avg_growth", _("annual average growth")
        LEVEL = "level", pgettext_lazy("indicator kind", "level")
        MULTIPLE = "multiple", _("multiple")
        QUALITATIVE = "qualitative", _("qualitative")

    class Comparator(models.TextChoices):
        AT_LEAST = ">=", _("at least")
        AT_MOST = "<=", _("at most")
        EQUAL = "=", _("equal to")
        ABOUT = "~", _("about")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=32, null=True, blank=True)
    target_year = models.PositiveIntegerField(_("target year"))
    span = models.TextField(_("words in the task"), blank=True)

    class Meta:
        ordering = ["task", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name} {self.target_text}".strip()

    @property
    def target_text(self) -> str:
        return target_text(self.comparator, self.value, self.unit)


class Milestone(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="milestones"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"))
    deliverable = models.CharField(_("deliverable"), max_length=255, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["task", "due_date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title
