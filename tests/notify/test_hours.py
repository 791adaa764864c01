"""Messages go out only in working hours by the official calendar (RULES.md rule 6)."""

import datetime as dt

from notify import hours
from progress.calendar import WorkCalendar

CAL = WorkCalendar()


def at(text: str) -> dt.datetime:
    return hours.parse_now(text)


def test_a_weekday_morning_is_inside_the_window():
    assert hours.in_window(at("2026-12-01T08:30"), CAL)
    assert hours.in_window(at("2026-12-01T17:59"), CAL)


def test_evenings_and_early_mornings_are_outside():
    assert not hours.in_window(at("2026-12-01T18:00"), CAL)
    assert not hours.in_window(at("2026-12-01T08:29"), CAL)


def test_a_message_at_seven_in_the_evening_waits_for_half_past_eight_next_working_day():
    assert hours.next_window(at("2026-11-30T19:00"), CAL) == at("2026-12-01T08:30")


def test_friday_evening_waits_for_monday():
    assert hours.next_window(at("2026-12-04T19:00"), CAL) == at("2026-12-07T08:30")


def test_national_day_waits_for_the_first_working_day_after_it():
    assert hours.next_window(at("2026-10-01T10:00"), CAL) == at("2026-10-08T08:30")


def test_an_adjusted_working_saturday_is_a_working_day():
    assert hours.in_window(at("2026-10-10T10:00"), CAL)
    assert not hours.in_window(at("2026-10-11T10:00"), CAL)


def test_time_without_offset_is_local_and_with_offset_is_respected():
    assert at("2026-12-01T09:00").utcoffset() == dt.timedelta(hours=8)
    assert hours.in_window(at("2026-12-01T01:00+00:00"), CAL)  # 09:00 in 泉州


def test_backoff_grows_and_gives_up():
    now = at("2026-12-01T09:00")
    delays = [hours.retry_after(n, now) for n in range(1, hours.MAX_ATTEMPTS + 1)]
    assert delays[-1] is None
    steps = [d - now for d in delays[:-1] if d is not None]
    assert steps == sorted(steps)
    assert steps[0] == dt.timedelta(minutes=5)
