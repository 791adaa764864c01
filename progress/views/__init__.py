"""Pages of the reporting loop. Each view reads top to bottom: access → form → service → redirect."""

from progress.views.calendar import calendar_settings, holidays
from progress.views.filing import co_input, hints, no_change, nothing_to_add, report_form, workspace
from progress.views.review import (
    accept,
    close_period,
    evidence_file,
    report_detail,
    return_report,
    review_queue,
    sign_off,
)
from progress.views.rework import reopen, send_back
from progress.views.timeline import task_timeline

__all__ = [
    "accept",
    "calendar_settings",
    "close_period",
    "co_input",
    "evidence_file",
    "hints",
    "holidays",
    "no_change",
    "nothing_to_add",
    "reopen",
    "report_detail",
    "report_form",
    "return_report",
    "review_queue",
    "send_back",
    "sign_off",
    "task_timeline",
    "workspace",
]
