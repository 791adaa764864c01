"""The unit's milestone forms and the office's publish switch."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from progress import clock


class DateInput(forms.DateInput):
    input_type = "date"


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    deliverable = forms.CharField(label=_("Deliverable"), max_length=255, required=False)


class CloseMilestoneForm(forms.Form):
    done_on = forms.DateField(label=_("Reached on"), widget=DateInput)

    def clean_done_on(self) -> dt.date:
        done_on: dt.date = self.cleaned_data["done_on"]
        if done_on > clock.today():
            raise forms.ValidationError(_("A milestone cannot be reached on a day still to come."))
        return done_on
