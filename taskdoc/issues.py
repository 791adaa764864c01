"""The codes of what taskdoc reports about a row: each a code, its parameters and an English template.

Apps render a code through their own translation catalogue; the English text here is what
`python -m taskdoc parse` prints and what the gold files hold. `from_message` reads back the text of
an issue stored before issues carried codes.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

ISSUE_TEXT: dict[str, str] = {
    "seq_missing": "number missing in source",
    "seq_repeated": "number repeated in source",
    "seq_renumbered": "numbering restarts in source: printed {printed}, numbered {seq} in reading order",
    "cell_empty": "{field} cell empty in source",
    "cell_joined": "cell continued in an extra cell in source (joined): {text}",
    "empty_cell_ignored": "extra empty cell in source (ignored)",
    "half_width_brackets": "half-width parentheses in unit cell in source: {names} (normalised to full-width)",
    "units_glued": "units glued without separator in source: {names}",
    "bracket_part_joined": "parenthetical part of a unit name on its own line in source: {first} / {second} (joined)",
    "unit_wrapped": "unit name wrapped across two lines in source: {first} / {second} (joined)",
    "prefix_elided": "shared prefix elided in source: {printed} (expanded to {expanded})",
    "stray_unit_text": "stray text in a unit cell ignored: {text}",
    "stray_leader_text": "stray text in a leader cell ignored: {text}",
    "row_joined": "row may belong to the previous one (joined to it)",
    "line_ignored": "line outside the table ignored: {text}",
    "indicators_failed": "indicators not read: {why}",
    "ocr_used": "read from a scanned copy by text recognition (OCR): check against the paper",
    "ocr_low_confidence": "cell read with low confidence ({confidence}%) by OCR: {cell}; check against the paper",
}


@dataclass(frozen=True)
class Note:
    """One repair or doubt found while reading a cell or a row, before it is tied to a row number."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return render(self.code, dict(self.params))


def note(code: str, **params: object) -> Note:
    if code not in ISSUE_TEXT:
        raise KeyError(code)
    return Note(code, tuple((k, str(v)) for k, v in params.items()))


def render(code: str, params: dict[str, str]) -> str:
    """The English text of an issue; an unknown code is given as the code and its parameters."""
    template = ISSUE_TEXT.get(code)
    if template is None:
        return " ".join([code, *(f"{k}={v}" for k, v in params.items())])
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def _pattern(template: str) -> re.Pattern[str]:
    out = ["^"]
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name:
            out.append(f"(?P<{name}>.*?)" if name != "field" else r"(?P<field>\w+)")
    return re.compile("".join(out) + "$", re.DOTALL)


_PATTERNS = [(code, _pattern(text)) for code, text in ISSUE_TEXT.items()]


def from_message(text: str) -> tuple[str, dict[str, str]] | None:
    """(code, params) of an issue stored as its English text, or None for a text taskdoc never wrote."""
    for code, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return code, match.groupdict()
    return None
