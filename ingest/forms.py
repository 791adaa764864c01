from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingest.errors import ImportRefused
from ingest.services import ALLOWED_SUFFIXES, check_upload, max_upload_bytes
from orgs.models import Region, Unit


class UploadForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("You do not supervise that region. Choose one of the regions in the list."),
        },
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    file = forms.FileField(
        label=_("Decomposition table"),
        allow_empty_file=True,  # refused by check_upload, whose message says what to do
        help_text=_("Word, WPS, Excel, PDF, OFD or text (.txt), up to %(limit)s MB."),
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year
        limit = f"{max_upload_bytes() / (1024 * 1024):g}"
        self.fields["file"].help_text = str(self.fields["file"].help_text) % {"limit": limit}
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_upload(name=upload.name, size=upload.size)
        except ImportRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload


NEW_UNIT = "new"


class MapUnitForm(forms.Form):
    """Which existing unit an unknown printed name means, or "new" to create it."""

    name = forms.CharField(widget=forms.HiddenInput)
    unit = forms.CharField()

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_unit(self) -> Unit | None:
        value = self.cleaned_data["unit"]
        if value == NEW_UNIT:
            return None
        unit = Unit.objects.filter(region=self.region, pk=value if str(value).isdigit() else 0).first()
        if unit is None:
            raise forms.ValidationError(_("Choose one of the offered units, or create a new one."))
        return unit
