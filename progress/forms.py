"""Forms of the reporting loop. They parse what the person typed; the rules live in progress.rules and
the services, so the pages and the API refuse the same things with the same words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer, DjangoTemplates, get_default_renderer
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from progress.calendar import parse_dates
from progress.evidence import ACCEPT
from progress.models import CalendarConfig, ProgressReport
from progress.rules import SUMMARY_KINDS, validate_report
from targets.models import Indicator

# The <input> templates of Django's widgets, rendered in Python by _PlainInput (see there).
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "hidden", "number", "text", "file", "radio_option", "input_option")
)
_CLEARABLE_FILE_TEMPLATE = "django/forms/widgets/clearable_file_input.html"


def _as_s(value: Any) -> str:
    """{{ value|stringformat:'s' }} in an autoescaped template."""
    try:
        text = "%s" % value  # noqa: UP031 — the filter's own formatting, tuples and all
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else escape(text)


def _input_html(widget: dict[str, Any], *, with_value: bool = True) -> SafeString:
    """Django's input.html and attrs.html, byte for byte (tests/progress/test_filing.py compares them)."""
    value = widget.get("value", "") if with_value else None  # a missing one renders as "", as in a template
    attrs = "".join(
        ""
        if v is False
        else f" {conditional_escape(k)}"
        if v is True
        else f' {conditional_escape(k)}="{_as_s(v)}"'
        for k, v in widget["attrs"].items()
    )
    return mark_safe(  # noqa: S308 — every part escaped above, as the template does
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        + (f' value="{_as_s(value)}"' if value is not None else "")
        + attrs
        + ">"
    )


class _PlainInput(forms.Widget):
    """An <input> rendered in Python, not through the template engine: the report form has a dozen of them
    (the status radios, percent, a reading and a note per indicator, the files, the version), and they
    were a tenth of the form page's time. Only Django's own plain templates are replaced, with the default
    renderer; anything else (a label around a radio, a file already saved) renders as Django does."""

    def _render(
        self, template_name: str, context: dict[str, Any], renderer: BaseRenderer | None = None
    ) -> str:
        widget = context["widget"]
        if isinstance(renderer or get_default_renderer(), DjangoTemplates) and not widget.get("wrap_label"):
            if template_name in _INPUT_TEMPLATES:
                return _input_html(widget)
            if template_name == _CLEARABLE_FILE_TEMPLATE and not widget["is_initial"]:
                return _input_html(widget, with_value=False)
        rendered: str = super()._render(template_name, context, renderer)  # type: ignore[misc]  # not in the stubs
        return rendered


class _RadioSelect(_PlainInput, forms.RadioSelect):
    pass


class _NumberInput(_PlainInput, forms.NumberInput):
    pass


class _TextInput(_PlainInput, forms.TextInput):
    pass


class _HiddenInput(_PlainInput, forms.HiddenInput):
    pass


class MultipleFileInput(_PlainInput, forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProgressReport.Status.choices, widget=_RadioSelect)
    percent = forms.IntegerField(
        label=_("Percent done"),
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Enter the percent done, a whole number from 0 to 100."),
            "min_value": _("Enter the percent done, a whole number from 0 to 100."),
            "max_value": _("Enter the percent done, a whole number from 0 to 100."),
        },
        widget=_NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100}),
    )
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 6}), strip=True)
    evidence = MultipleFileField(
        label=_("Evidence files (optional)"),
        required=False,
        allow_empty_file=True,  # an empty file is refused by progress.evidence.check_file, which names it
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    version = forms.IntegerField(required=False, widget=_HiddenInput)

    def __init__(self, *args: Any, indicators: list[Indicator], kind: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.indicators = indicators
        for ind in indicators:
            self.fields[f"reading_{ind.pk}"] = forms.FloatField(
                label=str(ind),
                required=False,
                error_messages={"invalid": _("Enter a number, e.g. 5.5.")},
                widget=_NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )
            self.fields[f"note_{ind.pk}"] = forms.CharField(
                label=_("Note on %(name)s") % {"name": ind.name},
                required=False,
                max_length=255,
                widget=_TextInput,
            )
        if kind in SUMMARY_KINDS:
            self.fields["text"].label = _("Summary (100–150 characters)")

    def reading_fields(self) -> list[tuple[Indicator, Any, Any]]:
        return [(ind, self[f"reading_{ind.pk}"], self[f"note_{ind.pk}"]) for ind in self.indicators]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "status" in data and "percent" in data and "text" in data:
            for field, messages in validate_report(
                kind=self.kind, status=data["status"], percent=data["percent"], text=data["text"]
            ).items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data

    def readings(self) -> dict[int, tuple[float | None, str]]:
        return {
            ind.pk: (
                self.cleaned_data.get(f"reading_{ind.pk}"),
                self.cleaned_data.get(f"note_{ind.pk}") or "",
            )
            for ind in self.indicators
        }

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CoInputForm(forms.Form):
    text = forms.CharField(
        label=_("What your unit did for this task"), widget=forms.Textarea(attrs={"rows": 5}), strip=True
    )


class CalendarForm(forms.ModelForm[CalendarConfig]):
    class Meta:
        model = CalendarConfig
        fields = list(CalendarConfig.EDITABLE_FIELDS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        limits = {
            "routine_due_working_day": (1, 20),
            "lock_after_working_days": (0, 30),
            "half_year_due_month": (1, 12),
            "annual_due_month": (1, 12),
            "half_year_due_day": (1, 31),
            "annual_due_day": (1, 31),
        }
        for field, (low, high) in limits.items():
            value = data.get(field)
            if value is not None and not low <= value <= high:
                self.add_error(
                    field, _("Enter a number from %(low)d to %(high)d.") % {"low": low, "high": high}
                )
        return data


class HolidayForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    holidays = forms.CharField(
        label=_("Holidays (days off on working days)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "2027-01-01\n2027-02-06~2027-02-14"}),
    )
    workdays = forms.CharField(
        label=_("Adjusted working days (weekend days worked, 调休)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "2027-02-20"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("year")
        for field in ("holidays", "workdays"):
            dates, bad = parse_dates(data.get(field) or "")
            if bad:
                self.add_error(
                    field,
                    _("Cannot read %(bad)s; write dates as 2027-01-01, ranges as 2027-02-06~2027-02-14.")
                    % {"bad": "、".join(bad)},
                )
            elif year and any(d.year != year for d in dates):
                self.add_error(field, _("Every date must fall in %(year)d.") % {"year": year})
            data[f"{field}_dates"] = dates
        return data
