"""When a message may go out (RULES.md rule 6): working days by the official calendar, 08:30–18:00 local
time. Pure functions of the instant and the calendar: no database, no clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from progress.calendar import WorkCalendar

LOCAL = ZoneInfo("Asia/Shanghai")
OPENS = dt.time(8, 30)
CLOSES = dt.time(18, 0)
# Backoff after a failed attempt: 5 minutes, 30 minutes, 2 hours, 8 hours; the fifth failure gives up.
BACKOFF = (dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2), dt.timedelta(hours=8))
MAX_ATTEMPTS = len(BACKOFF) + 1


def in_window(now: dt.datetime, cal: WorkCalendar) -> bool:
    """True when `now` is inside working hours of a working day."""
    local = now.astimezone(LOCAL)
    return cal.is_working_day(local.date()) and OPENS <= local.time() < CLOSES


def next_window(now: dt.datetime, cal: WorkCalendar) -> dt.datetime:
    """`now` itself when it is inside working hours, else the next opening (08:30 of a working day)."""
    if in_window(now, cal):
        return now
    local = now.astimezone(LOCAL)
    day = local.date()
    if local.time() >= OPENS:
        day += dt.timedelta(days=1)
    for _ in range(60):  # the longest holiday is far shorter; a bound keeps a broken calendar from looping
        if cal.is_working_day(day):
            break
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, OPENS, tzinfo=LOCAL)


def morning_of(day: dt.date) -> dt.datetime:
    """08:30 local time on `day`: the instant a daily command run for that day acts as."""
    return dt.datetime.combine(day, OPENS, tzinfo=LOCAL)


def retry_after(attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When to try again after `attempts` failed attempts; None when it is time to give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + BACKOFF[attempts - 1]


def parse_now(text: str) -> dt.datetime:
    """An ISO instant from the command line; local time when it carries no offset."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL)
    return value
