"""The reporting calendar's write path: periods from a plan's calendar, the office's calendar and holidays,
closing a period's review. Each action is keyword-only, atomic, audited, and checks who acts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import record
from orgs.models import Region
from progress import calendar as cal
from progress.access import check_office
from progress.models import CalendarConfig, HolidayYear, Period
from targets.models import Plan


def work_calendar(region_id: int | None) -> cal.WorkCalendar:
    """The holiday library plus the years the office entered for this region (or for all regions)."""
    return work_calendars([region_id])[region_id]


def work_calendars(
    region_ids: Iterable[int | None], *, kind: type[cal.WorkCalendar] = cal.WorkCalendar
) -> dict[int | None, cal.WorkCalendar]:
    """Each region's calendar, in one query: the library plus the office's HolidayYear rows that apply to it
    (its own and the ones entered for every region). `kind` may be a caching subclass of WorkCalendar."""
    ids = set(region_ids)
    rows = list(HolidayYear.objects.filter(Q(region__isnull=True) | Q(region_id__in=[i for i in ids if i])))
    out: dict[int | None, cal.WorkCalendar] = {}
    for rid in ids:
        holidays: set[dt.date] = set()
        workdays: set[dt.date] = set()
        years: set[int] = set()
        for row in rows:
            if row.region_id in (None, rid):
                years.add(row.year)
                holidays |= {dt.date.fromisoformat(d) for d in row.holidays}
                workdays |= {dt.date.fromisoformat(d) for d in row.workdays}
        out[rid] = kind(
            holidays=frozenset(holidays - workdays),
            workdays=frozenset(workdays),
            office_years=frozenset(years),
        )
    return out


def calendar_config(plan: Plan) -> CalendarConfig:
    """The plan's own calendar, else the region's, else the defaults (an unsaved row)."""
    rows = list(CalendarConfig.objects.filter(Q(plan=plan) | Q(region_id=plan.region_id, plan__isnull=True)))
    rows.sort(key=lambda c: c.plan_id is None)
    return rows[0] if rows else CalendarConfig(region_id=plan.region_id)


def schedule_of(config: CalendarConfig) -> cal.Schedule:
    return cal.Schedule(
        routine=config.routine,
        routine_due_working_day=config.routine_due_working_day,
        lock_after_working_days=config.lock_after_working_days,
        half_year_due=(config.half_year_due_month, config.half_year_due_day),
        annual_due=(config.annual_due_month, config.annual_due_day),
    )


def missing_holiday_years(plan: Plan) -> list[int]:
    """Years the plan's due dates need that neither the holiday library nor the office knows."""
    work_cal = work_calendar(plan.region_id)
    return cal.unknown_years(work_cal, {plan.year, plan.year + 1})


@dataclass(frozen=True)
class EnsureResult:
    created: int
    updated: int
    deleted: int
    missing_years: tuple[int, ...]


def _period_fields(spec: cal.PeriodSpec) -> dict[str, Any]:
    return {
        "end": spec.end,
        "due_date": spec.due_date,
        "lock_date": spec.lock_date,
        "provisional": spec.provisional,
    }


@transaction.atomic
def ensure_periods(*, plan: Plan, by: Any, dry_run: bool = False) -> EnsureResult:
    """Create the plan's periods from its calendar; move the dates of periods that are not locked when
    the calendar changed; drop periods the calendar no longer has unless something was filed for them.
    Idempotent: a second run changes nothing and records nothing. Called when a plan is confirmed, when
    its calendar or holidays change, and by `manage.py periods`; never when someone only looks."""
    check_office(by, plan.region_id)
    config = calendar_config(plan)
    work_cal = work_calendar(plan.region_id)
    specs = cal.plan_periods(work_cal, schedule_of(config), plan.year)
    existing = {(p.kind, p.start): p for p in Period.objects.filter(plan=plan)}
    wanted = {(s.kind, s.start): s for s in specs}
    to_create = [
        Period(plan=plan, kind=s.kind, start=s.start, **_period_fields(s))
        for k, s in wanted.items()
        if k not in existing
    ]
    to_update: list[Period] = []
    for key, period in existing.items():
        spec = wanted.get(key)
        if spec is None or period.locked:
            continue
        fields = _period_fields(spec)
        if any(getattr(period, f) != v for f, v in fields.items()):
            for f, v in fields.items():
                setattr(period, f, v)
            to_update.append(period)
    obsolete = [
        p.pk
        for key, p in existing.items()
        if key not in wanted and not p.locked and not p.reports.exists() and not p.co_inputs.exists()
    ]
    missing = tuple(cal.unknown_years(work_cal, {y for s in specs for y in s.years_used}))
    result = EnsureResult(len(to_create), len(to_update), len(obsolete), missing)
    if dry_run or not (to_create or to_update or obsolete):
        return result
    Period.objects.bulk_create(to_create, ignore_conflicts=True)
    Period.objects.bulk_update(to_update, ["end", "due_date", "lock_date", "provisional"])
    Period.objects.filter(pk__in=obsolete).delete()
    record(
        actor=by,
        verb="progress.periods_ensured",
        obj=plan,
        after={"created": len(to_create), "updated": len(to_update), "deleted": len(obsolete)},
    )
    return result


@transaction.atomic
def save_calendar_config(*, plan: Plan, by: Any, values: Mapping[str, Any]) -> CalendarConfig:
    """The office sets the plan's calendar; unlocked periods move to the new dates."""
    check_office(by, plan.region_id)
    config = CalendarConfig.objects.filter(plan=plan).first() or CalendarConfig(
        region_id=plan.region_id, plan=plan
    )
    fields = CalendarConfig.EDITABLE_FIELDS
    before = {f: getattr(config, f) for f in fields} if config.pk else None
    for f in fields:
        if f in values:
            setattr(config, f, values[f])
    config.save()
    record(
        actor=by,
        verb="progress.calendar_saved",
        obj=plan,
        before=before,
        after={f: getattr(config, f) for f in fields},
    )
    ensure_periods(plan=plan, by=by)
    return config


@transaction.atomic
def save_holiday_year(
    *, region: Region | None, year: int, holidays: Iterable[dt.date], workdays: Iterable[dt.date], by: Any
) -> HolidayYear:
    """The office enters a year's holidays and adjusted working days; due dates that depend on the year
    are recomputed and stop being provisional."""
    check_office(by, region.pk if region is not None else None)
    row = HolidayYear.objects.filter(region=region, year=year).first() or HolidayYear(
        region=region, year=year
    )
    before = {"holidays": row.holidays, "workdays": row.workdays} if row.pk else None
    row.holidays = sorted(d.isoformat() for d in holidays)
    row.workdays = sorted(d.isoformat() for d in workdays)
    row.entered_by = by
    row.save()
    record(
        actor=by,
        verb="progress.holidays_saved",
        obj=row,
        before=before,
        after={"holidays": row.holidays, "workdays": row.workdays},
    )
    plans = Plan.objects.filter(year__in=[year, year - 1]).select_related("region")
    if region is not None:
        plans = plans.filter(region=region)
    for plan in plans:
        ensure_periods(plan=plan, by=by)
    return row


@transaction.atomic
def close_period_review(*, period: Period, by: Any) -> Period:
    """The office closes a period's review; the period locks and its reports can no longer change."""
    check_office(by, period.plan.region_id)
    now = timezone.now()
    if Period.objects.filter(pk=period.pk, locked=False).update(locked=True, review_closed_at=now):
        record(actor=by, verb="progress.period_closed", obj=period, after={"locked": True})
    period.refresh_from_db()
    return period
