"""Why an import is refused: a code stored on the batch, a message translated when it is shown."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taskdoc.model import TaskdocError

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


# Why taskdoc could not read a file, by its code (taskdoc.errors.REASONS); the parameters are taskdoc's.
READ_REASONS = {
    "no_table": _(
        "no task table was found: no header such as 序号 / 工作任务 / 牵头单位 and no numbered tasks with units"
    ),
    "no_rows": _("the table has a header but no task rows"),
    "too_deep": _("the file is nested too deeply to read"),
    "out_of_memory": _("the file needs too much memory to read"),
    "not_found": _("the file could not be opened"),
    "empty": _("the file is empty"),
    "too_large": _("the file is %(size)s MB, over taskdoc's limit of %(limit)s MB"),
    "damaged": _("the file is damaged"),
    "zip_bomb": _("the file expands to too much data"),
}


def _reason(params: dict[str, Any]) -> str:
    """Why taskdoc refused the file: its code through the catalogue; a reason taskdoc gave without a
    catalogue entry in the half (Chinese or English) the reader reads; a detail stored earlier as is."""
    reason = params.get("reason")
    if reason in READ_REASONS:
        try:
            return str(READ_REASONS[reason]) % params
        except (KeyError, TypeError, ValueError):
            return str(READ_REASONS[reason])
    zh = (get_language() or "zh-hans").startswith("zh")
    said = params.get("zh") if zh else params.get("en")
    return str(said or params.get("zh") or params.get("detail") or reason or "")


def message_for(code: str, params: dict[str, Any] | None = None) -> str:
    text = str(MESSAGES.get(code, MESSAGES["parse_failed"]))
    if code == "unreadable" and params is not None:
        params = {**params, "detail": _reason(params).strip().rstrip("。.")}
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

    @classmethod
    def from_taskdoc(cls, error: TaskdocError) -> ImportRefused:
        """A file taskdoc could not read, kept as taskdoc's code and parameters."""
        return cls("unreadable", reason=error.code, **error.params)

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def __str__(self) -> str:
        return self.message
