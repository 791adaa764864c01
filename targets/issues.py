"""Say the parser's row issues in the reader's language.

taskdoc reports row problems as short English notes (the gold files' convention); the pages show them
through the catalogue. Each pattern is a family of notes, not one sentence; an unknown note is shown as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^number missing in source"),
        lambda m: _("Row number missing in the table; inferred from the order"),
    ),
    (re.compile(r"^number repeated in source"), lambda m: _("Row number repeated in the table")),
    (
        re.compile(r"^numbering restarts in source: printed (\d+), numbered (\d+) in reading order$"),
        lambda m: (
            _("The table restarts its numbering in each section: printed %(printed)s, numbered %(seq)s here")
            % {"printed": m[1], "seq": m[2]}
        ),
    ),
    (
        re.compile(r"^(\w+) cell empty in source"),
        lambda m: _("The %(field)s cell is empty in the table") % {"field": _field(m[1])},
    ),
    (
        re.compile(r"^cell continued in an extra cell in source \(joined\): (.*)$"),
        lambda m: _("A cell ran on into an extra cell; joined: %(text)s") % {"text": m[1]},
    ),
    (re.compile(r"^extra empty cell in source"), lambda m: _("An extra empty cell in the table was ignored")),
    (
        re.compile(r"^half-width parentheses in unit cell in source: (.*) \(normalised to full-width\)$"),
        lambda m: _("Half-width brackets in unit names, changed to full-width: %(names)s") % {"names": m[1]},
    ),
    (
        re.compile(r"^units glued without separator in source: (.*)$"),
        lambda m: _("Unit names printed without a separator, split: %(names)s") % {"names": m[1]},
    ),
    (
        re.compile(r"^parenthetical part of a unit name on its own line in source: (.*) / (.*) \(joined\)$"),
        lambda m: (
            _("The bracketed part of a unit name was on its own line; joined: %(a)s%(b)s")
            % {"a": m[1], "b": m[2]}
        ),
    ),
    (
        re.compile(r"^unit name wrapped across two lines in source: (.*) / (.*) \(joined\)$"),
        lambda m: _("A unit name wrapped onto the next line; joined: %(a)s%(b)s") % {"a": m[1], "b": m[2]},
    ),
    (
        re.compile(r"^shared prefix elided in source: (.*) \(expanded to (.*)\)$"),
        lambda m: (
            _("A shared prefix was left out: %(short)s, read as %(full)s") % {"short": m[1], "full": m[2]}
        ),
    ),
    (
        re.compile(r"^indicators not read: (.*)$"),
        lambda m: _("The targets in this task could not be read: %(why)s") % {"why": m[1]},
    ),
]


def describe_issue(note: str) -> str:
    for pattern, say in _RULES:
        match = pattern.search(note)
        if match:
            return say(match)
    return note
