"""Say the parser's row issues in the reader's language.

taskdoc reports each row problem as a code with parameters (taskdoc.issues); this module is the
catalogue that says each code through gettext. An issue stored as English text before issues carried
codes is read back by taskdoc itself; text taskdoc never wrote is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taskdoc.issues import from_message

FIELD_LABELS = {
    "seq": gettext_lazy("row number"),
    "text": gettext_lazy("task"),
    "lead_units": gettext_lazy("lead units"),
    "co_units": gettext_lazy("co-units"),
    "leaders": gettext_lazy("leaders"),
    "deadline": gettext_lazy("deadline"),
}


def _field(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


_Say = Callable[[Mapping[str, str]], str]

_CATALOGUE: dict[str, _Say] = {
    "seq_missing": lambda p: _("Row number missing in the table; inferred from the order"),
    "seq_repeated": lambda p: _("Row number repeated in the table"),
    "seq_renumbered": lambda p: (
        _("The table restarts its numbering in each section: printed %(printed)s, numbered %(seq)s here")
        % {"printed": p.get("printed", ""), "seq": p.get("seq", "")}
    ),
    "cell_empty": lambda p: (
        _("The %(field)s cell is empty in the table") % {"field": _field(p.get("field", ""))}
    ),
    "cell_joined": lambda p: (
        _("A cell ran on into an extra cell; joined: %(text)s") % {"text": p.get("text", "")}
    ),
    "empty_cell_ignored": lambda p: _("An extra empty cell in the table was ignored"),
    "half_width_brackets": lambda p: (
        _("Half-width brackets in unit names, changed to full-width: %(names)s")
        % {"names": p.get("names", "")}
    ),
    "units_glued": lambda p: (
        _("Unit names printed without a separator, split: %(names)s") % {"names": p.get("names", "")}
    ),
    "bracket_part_joined": lambda p: (
        _("The bracketed part of a unit name was on its own line; joined: %(a)s%(b)s")
        % {"a": p.get("first", ""), "b": p.get("second", "")}
    ),
    "unit_wrapped": lambda p: (
        _("A unit name wrapped onto the next line; joined: %(a)s%(b)s")
        % {"a": p.get("first", ""), "b": p.get("second", "")}
    ),
    "prefix_elided": lambda p: (
        _("A shared prefix was left out: %(short)s, read as %(full)s")
        % {"short": p.get("printed", ""), "full": p.get("expanded", "")}
    ),
    "stray_unit_text": lambda p: (
        _("Stray text in a unit cell was ignored: %(text)s") % {"text": p.get("text", "")}
    ),
    "stray_leader_text": lambda p: (
        _("Stray text in a leader cell was ignored: %(text)s") % {"text": p.get("text", "")}
    ),
    "row_joined": lambda p: _("This row may continue the row above; it was joined to it"),
    "line_ignored": lambda p: (
        _("A line outside the table was ignored: %(text)s") % {"text": p.get("text", "")}
    ),
    "indicators_failed": lambda p: (
        _("The targets in this task could not be read: %(why)s") % {"why": p.get("why", "")}
    ),
    "ocr_used": lambda p: _(
        "This file is a scanned copy read by text recognition (OCR): check it against the paper"
    ),
    "ocr_low_confidence": lambda p: (
        _("Read with low confidence (%(confidence)s%%) from the scan: “%(cell)s”; check it against the paper")
        % {"confidence": p.get("confidence", ""), "cell": p.get("cell", "")}
    ),
}


def describe_issue(issue: Any) -> str:
    """A row issue — {"code": …, "params": {…}} as taskdoc gives it, or text stored earlier — said for the reader."""
    if isinstance(issue, Mapping) and isinstance(issue.get("code"), str):
        params = issue.get("params") or {}
        return describe_code(issue["code"], {str(k): str(v) for k, v in params.items()})
    text = str(issue)
    known = from_message(text)
    return describe_code(*known) if known else text


def describe_code(code: str, params: Mapping[str, str]) -> str:
    say = _CATALOGUE.get(code)
    if say is None:
        return " ".join([code, *params.values()])
    return say(params)
