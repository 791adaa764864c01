"""Regions, units, people, and the memberships that give users their roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.fields import EncryptedCharField


class Region(models.Model):
    name = models.CharField(_("name"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    settings = models.JSONField(_("settings"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("department")
        TOWN = "town", _("town / street")
        COMPANY = "company", _("company")
        PARK = "park", _("park office")
        GROUP = "group", _("group of units")
        OTHER = "other", _("other")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("name"), max_length=128)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    members = models.ManyToManyField(
        "self", verbose_name=_("group members"), symmetrical=False, blank=True, related_name="groups"
    )
    requires_signoff = models.BooleanField(_("leader signs off reports"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_unique_name_in_region")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP


class UnitAlias(models.Model):
    """Another name the documents use for a unit (发改局 = 区发改局)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=128)

    class Meta:
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")
        constraints = [models.UniqueConstraint(fields=["region", "alias"], name="alias_unique_in_region")]

    def __str__(self) -> str:
        return f"{self.alias} = {self.unit.name}"


class Person(models.Model):
    class Kind(models.TextChoices):
        LEADER = "leader", _("leader")
        LIAISON = "liaison", _("liaison")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="people"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    name = models.CharField(_("name"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=64, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=32, blank=True)  # AES-GCM at rest (FIELD_KEY)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("supervision office")
    LIAISON = "liaison", _("liaison")
    UNIT_LEADER = "unit_leader", _("unit leader")
    LEADER = "leader", _("leader in charge")
    OBSERVER = "observer", _("observer")


class Membership(models.Model):
    """Gives a user a role in a region (supervisor, leader, observer) or a unit (liaison, unit leader)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region", "unit"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit or self.region}"
