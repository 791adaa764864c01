"""Why an import is refused: a code stored on the batch, a message translated when it is shown."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "too_large": _(
        "The file is %(size)s MB, over the %(limit)s MB limit. Remove pictures or split the table, "
        "then upload it again."
    ),
    "empty": _("The file is empty. Choose the decomposition table and upload it again."),
    "bad_type": _(
        "duban reads Word (.docx, .doc), WPS (.wps, .et), Excel (.xlsx, .xls), PDF, OFD and text (.txt) "
        "files. Save the table in one of these formats and upload it again."
    ),
    "unreadable": _(
        "duban could not read this file as a decomposition table (%(detail)s). Check that it is the "
        "table itself, as Word, Excel, PDF or text, and upload it again."
    ),
    "no_tasks": _(
        "No numbered task rows were found in this file. Check that it holds the decomposition table "
        "with a 序号 column, then upload it again."
    ),
    "unknown_columns": _(
        "The table's columns (%(columns)s) were not recognised: duban needs a task column (具体任务 or "
        "具体目标任务) and a unit column (牵头单位 or 责任单位). Correct the header row and upload it again."
    ),
    "not_supervisor": _(
        "You do not supervise %(region)s. Choose one of your own regions, or ask the supervision office "
        "of %(region)s to import the table."
    ),
    "region_mismatch": _(
        "This file is the table of %(found)s, not of %(region)s. Choose %(found)s as the region (only "
        "its supervision office may import it) and upload it again."
    ),
    "year_mismatch": _(
        "This file is the table for %(found)s, not for %(year)s. Choose the right year and upload it again."
    ),
    "no_year": _("The year could not be read from the file. Choose the year and upload it again."),
    "not_open": _("This import is already finished (%(status)s). Start a new upload to import again."),
    "name_too_long": _(
        "Row %(seq)s names a unit or leader longer than %(limit)s characters (%(name)s…): the cell was "
        "probably not split. Put a separator (、) between the names in the table and upload it again."
    ),
    "parse_failed": _(
        "Reading the file failed unexpectedly. Upload it again; if it fails again, send the file to "
        "the administrator."
    ),
}


_BILINGUAL = re.compile(r"^(?P<zh>.*?)\s*\((?P<en>[^()]*)\)\s*$", re.S)


def _one_language(detail: str) -> str:
    """taskdoc says why in Chinese and then in English in parentheses; keep the half the reader reads."""
    m = _BILINGUAL.match(detail)
    if not m:
        return detail
    zh = (get_language() or "zh-hans").startswith("zh")
    return (m.group("zh") if zh else m.group("en")).strip().rstrip("。.")


def message_for(code: str, params: dict[str, Any] | None = None) -> str:
    text = str(MESSAGES.get(code, MESSAGES["parse_failed"]))
    if params and "detail" in params:
        params = {**params, "detail": _one_language(params["detail"])}
    try:
        return text % params if params else text
    except (KeyError, TypeError, ValueError):
        return text


class ImportRefused(Exception):
    """An upload or import that cannot go on; `message` says in the user's language what to do."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def __str__(self) -> str:
        return self.message
