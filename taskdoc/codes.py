"""Issue codes added by the format readers, in one place (their English text is in taskdoc.issues)."""

from __future__ import annotations

from typing import Final

from taskdoc.model import RowIssue

OCR_LOW_CONFIDENCE: Final = "ocr_low_confidence"
OCR_USED: Final = "ocr_used"


def row_issue(seq: int | None, field: str, code: str, **params: object) -> RowIssue:
    return RowIssue(seq, field, code, {k: str(v) for k, v in params.items()})
