from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from exports.models import Document

MAX_UPLOAD = 10 * 1024 * 1024


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=Document.Kind.choices)
    period = forms.CharField(label=_("Quarter (bulletins only, e.g. 2026Q3)"), required=False, max_length=16)
    task_seq = forms.IntegerField(
        label=_("Task number (interview records only)"), required=False, min_value=1
    )


class TextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    addressee = forms.CharField(label=_("Addressee"), max_length=255, required=False)
    body = forms.CharField(
        label=_("Text (one paragraph per line; lines starting 一、 are headings)"),
        widget=forms.Textarea(attrs={"rows": 24}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("Edited ledger (.xlsx)"))

    def clean_file(self) -> object:
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return f
