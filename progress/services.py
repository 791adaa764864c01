"""The reporting loop's write path, in one place by name: the calendar and its periods (`schedule`), the
reports and their review (`reports`), the unit leader's sign-off as a setting (`signoffs`), and what they refuse
with (`errors`)."""

from __future__ import annotations

from progress.errors import CONFLICT_MESSAGE, ReportChanged, ReportInvalid, ReportStateError
from progress.reports import (
    _conditional_update,
    accept_report,
    add_co_input,
    confirm_no_change,
    file_report,
    needs_signoff,
    previous_report,
    reopen_report,
    return_report,
    send_back,
    sign_off,
)
from progress.schedule import (
    EnsureResult,
    calendar_config,
    close_period_review,
    ensure_periods,
    missing_holiday_years,
    save_calendar_config,
    save_holiday_year,
    schedule_of,
    work_calendar,
)
from progress.signoffs import StuckSignoff, release_signoffs, set_signoff, stuck_signoffs

__all__ = [
    "CONFLICT_MESSAGE",
    "EnsureResult",
    "ReportChanged",
    "ReportInvalid",
    "ReportStateError",
    "StuckSignoff",
    "_conditional_update",
    "accept_report",
    "add_co_input",
    "calendar_config",
    "close_period_review",
    "confirm_no_change",
    "ensure_periods",
    "file_report",
    "missing_holiday_years",
    "needs_signoff",
    "previous_report",
    "release_signoffs",
    "reopen_report",
    "return_report",
    "save_calendar_config",
    "save_holiday_year",
    "schedule_of",
    "send_back",
    "set_signoff",
    "sign_off",
    "stuck_signoffs",
    "work_calendar",
]
