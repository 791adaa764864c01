from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from orgs.models import Region


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled roster (.xlsx)"))

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload the roster as an .xlsx workbook (the template you downloaded).")
            )
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB; a roster is much smaller."))
        return f


class RegionForm(forms.Form):
    name = forms.CharField(label=_("Name of the region"), max_length=64)
    parent = forms.ModelChoiceField(label=_("Parent region"), queryset=Region.objects.all(), required=False)
    number_prefix = forms.CharField(
        label=_("Prefix of notice numbers (e.g. 泉港督)"), max_length=16, required=False
    )
    office_username = forms.CharField(label=_("Username of the supervision office's account"), max_length=150)

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if Region.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A region of this name exists already."))
        return name

    def clean_office_username(self) -> str:
        username = str(self.cleaned_data["office_username"]).strip()
        if get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError(_("This username is taken; choose another."))
        return username
