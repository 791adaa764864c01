"""What the roster (联络员回执) adds to a person beyond orgs.Person: the liaison's office phone."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Person


class Contact(models.Model):
    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="contact"
    )
    office_phone = models.CharField(_("office phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return f"{self.person} {self.office_phone}"
