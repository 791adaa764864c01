"""Issue codes added by the format readers, in one place, with the message each gives today.

A RowIssue carries a message now; when it carries (code, params) instead, row_issue() is the one
function to change.
"""

from __future__ import annotations

from typing import Final

from taskdoc.model import RowIssue

OCR_LOW_CONFIDENCE: Final = "ocr_low_confidence"
OCR_USED: Final = "ocr_used"

MESSAGES: Final = {
    OCR_LOW_CONFIDENCE: "扫描件识别置信度低（{confidence}%）：“{cell}”，请对照原件核对",
    OCR_USED: "此文件为扫描件，内容由文字识别（OCR）读出，请对照原件核对",
}


def row_issue(seq: int | None, field: str, code: str, **params: object) -> RowIssue:
    return RowIssue(seq, field, MESSAGES[code].format(**params))
