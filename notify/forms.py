from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from notify.models import Channel
from orgs.models import Region, Unit


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=_("Also send my reminders and notices by e-mail"), required=False)
    reminders = forms.BooleanField(
        label=_("Remind me 5 and 1 working days before a deadline"), required=False
    )


class RobotForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Unit (empty: messages of every unit of the region)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Kind"),
        choices=[(Channel.DINGTALK, Channel.DINGTALK.label), (Channel.WECOM, Channel.WECOM.label)],
    )
    name = forms.CharField(label=_("Name"), max_length=64)
    url = forms.URLField(label=_("Webhook address"), max_length=500, assume_scheme="https")
    secret = forms.CharField(label=_("Signing secret (DingTalk 加签)"), max_length=128, required=False)

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field = cast(forms.ModelChoiceField, self.fields["region"])  # type: ignore[type-arg]
        unit_field = cast(forms.ModelChoiceField, self.fields["unit"])  # type: ignore[type-arg]
        region_field.queryset = regions
        unit_field.queryset = Unit.objects.filter(region__in=regions).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, region = data.get("unit"), data.get("region")
        if unit is not None and region is not None and unit.region_id != region.pk:
            self.add_error("unit", _("This unit belongs to another region."))
        return data
