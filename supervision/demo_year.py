"""A year in motion for the demo: a deterministic report history up to an as-of date, monthly scans, the
office issuing notices, units answering (or not), an interview and a commendation.

Everything goes through the services (progress for reports, supervision for the ladder); only the
reports' filing time is set afterwards to the simulated day, so the timeline reads as the year went.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from orgs.models import Membership, Role
from progress import services as progress
from progress.models import Period, ProgressReport
from supervision import services
from supervision.lights import calendars
from supervision.models import Commendation, Interview, Notice
from supervision.rules import expected_percent
from supervision.scan import scan_region
from targets.models import Assignment, Plan, Task

# profile of a task × unit, by a stable hash: how its year goes
FULL = 100
DONE_EARLY, BEHIND, LAGGING, LATE, SLIPPED, ON_TRACK = (
    "done_early",
    "behind",
    "lagging",
    "late",
    "slipped",
    "ok",
)


def _profile(task: Task, unit_id: int) -> str:
    h = zlib.crc32(f"{task.plan.region.name}:{task.seq}:{unit_id}".encode()) % 20
    table = {0: DONE_EARLY, 1: DONE_EARLY, 2: BEHIND, 3: LAGGING, 4: LAGGING, 5: LAGGING, 6: LATE, 7: SLIPPED}
    return table.get(h, ON_TRACK)


def _percent(profile: str, expected: float, month: int, as_of: dt.date) -> int:
    if profile == DONE_EARLY:
        return min(100, 20 * month)
    if profile == BEHIND:
        return max(0, int(expected * 0.45))
    if profile == LAGGING and month >= as_of.month - 1:
        return max(1, int(expected - 18))
    return min(100, int(expected + 2))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=timezone.get_current_timezone())


def _users(region_id: int) -> dict[tuple[str, int], Any]:
    rows = Membership.objects.filter(
        region_id=region_id, role__in=[Role.LIAISON, Role.UNIT_LEADER]
    ).select_related("user")
    return {(m.role, m.unit_id): m.user for m in rows if m.unit_id}


def _skip(profile: str, period: Period, as_of: dt.date) -> bool:
    last_month = max(1, as_of.month - 2)
    if profile == LATE:
        return period.start.month >= last_month - 1
    return profile == SLIPPED and period.start.month >= last_month


def _file_reports(plan: Plan, as_of: dt.date) -> None:
    periods = list(
        Period.objects.filter(plan=plan, kind="month", due_date__lte=as_of, locked=False).order_by("start")
    )
    users = _users(plan.region_id)
    tasks = list(Task.objects.filter(plan=plan, status=Task.Status.ACTIVE).select_related("plan__region"))
    leads = Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD).exclude(unit__kind="group")
    units_of: dict[int, list[Any]] = {}
    for a in leads.select_related("unit"):
        units_of.setdefault(a.task_id, []).append(a.unit)
    for task in tasks:
        indicators = [i for i in task.indicators.all() if i.value is not None and i.kind == "growth_rate"]
        for unit in units_of.get(task.pk, []):
            profile = _profile(task, unit.pk)
            for period in periods:
                if _skip(profile, period, as_of):
                    continue
                exp = expected_percent(start=dt.date(plan.year, 1, 1), due=task.due_date, on=period.end)
                pct = _percent(profile, exp, period.start.month, as_of)
                lagging = profile == BEHIND or (profile == LAGGING and period.start.month >= as_of.month - 1)
                readings = {i.pk: round(i.value - (1.4 if lagging else -0.3), 1) for i in indicators}  # type: ignore[operator]
                report = progress.file_report(
                    task=task,
                    unit=unit,
                    period=period,
                    by=users.get((Role.LIAISON, unit.pk)),
                    status="done" if pct >= FULL else ("lagging" if lagging else "on_track"),
                    percent=pct,
                    text=f"{period.start.month}月按计划推进，完成{pct}%。",
                    readings=readings,
                )
                filed = period.due_date - dt.timedelta(days=1)
                ProgressReport.objects.filter(pk=report.pk).update(filed_at=_at(filed))
                if pct >= FULL:
                    break


def _month_rounds(plan: Plan, as_of: dt.date) -> list[dt.date]:
    return [
        p.lock_date
        for p in Period.objects.filter(plan=plan, kind="month", lock_date__lte=as_of).order_by("start")
    ]


def _act_on_drafts(plan: Plan, day: dt.date, office: Any) -> None:
    """The office issues the scan's L1 and L2 drafts; most units answer in time, late units do not."""
    users = _users(plan.region_id)
    cal = calendars([plan.region_id])[plan.region_id]
    drafts = Notice.objects.filter(task__plan=plan, state=Notice.State.DRAFT, level__lte=2).order_by(
        "level", "task__seq"
    )
    for notice in services.issue_all(notices=list(drafts), by=office, today=day):
        if _profile(notice.task, notice.unit_id) in (LATE, BEHIND) and notice.level == 1:
            continue  # no answer: the next scan proposes L2
        answer_day = day + dt.timedelta(days=2)
        while not cal.is_working_day(answer_day):
            answer_day += dt.timedelta(days=1)
        notice = services.answer_notice(
            notice=notice,
            by=users.get((Role.LIAISON, notice.unit_id)),
            text="已召开专题会研究整改措施，倒排工期，确保按期完成。",
            today=answer_day,
        )
        notice = services.approve_answer(notice=notice, by=users.get((Role.UNIT_LEADER, notice.unit_id)))
        services.review_answer(notice=notice, by=office, accept=True)


def _interview_and_praise(plan: Plan, as_of: dt.date, office: Any) -> None:
    interview = (
        Interview.objects.filter(notice__task__plan=plan, state=Interview.State.PROPOSED)
        .order_by("pk")
        .first()
    )
    if interview is not None and interview.notice.issued_on:
        services.record_interview(
            interview=interview,
            by=office,
            held_on=min(as_of, interview.notice.issued_on + dt.timedelta(days=7)),
            participants="区政府分管副区长；" + interview.notice.unit.name + "主要负责人、分管领导",
            rectification_plan="一、成立专班；二、倒排工期；三、每周调度。",
        )
    praise = (
        Commendation.objects.filter(region_id=plan.region_id, state=Commendation.State.PROPOSED)
        .order_by("pk")
        .first()
    )
    if praise is not None:
        services.decide_commendation(commendation=praise, by=office, confirm=True)


def review_before_closing(*, today: dt.date) -> int:
    """The office reviews what came in before a period's review closes (`manage.py periods --close-reviews`
    locks it): every report still waiting in a period whose review closes by `today` is accepted, by the
    region's office, through the service. Reports of periods still open for review stay in the queue.
    Returns how many were accepted; safe to run twice (an accepted report is not waiting any more)."""
    offices = {
        m.region_id: m.user
        for m in Membership.objects.filter(role=Role.SUPERVISOR).select_related("user").order_by("pk")
    }
    waiting = (
        ProgressReport.objects.filter(
            state=ProgressReport.State.FILED, period__locked=False, period__lock_date__lt=today
        )
        .select_related("task__plan", "period", "unit")
        .order_by("period__due_date", "pk")
    )
    accepted = 0
    with transaction.atomic():
        for report in waiting:
            office = offices.get(report.task.plan.region_id)
            if office is not None:
                progress.accept_report(report=report, by=office)
                accepted += 1
    return accepted


def simulate(*, as_of: dt.date = dt.date(2026, 10, 15)) -> bool:
    """Write the year up to `as_of` for every active plan that has no report yet. False when nothing to do."""
    done_any = False
    for plan in Plan.objects.filter(status=Plan.Status.ACTIVE, year=as_of.year).select_related("region"):
        if ProgressReport.objects.filter(task__plan=plan).exists():
            continue
        office = (
            Membership.objects.filter(region=plan.region, role=Role.SUPERVISOR).select_related("user").first()
        )
        by = office.user if office else None
        with transaction.atomic():
            progress.ensure_periods(plan=plan, by="manage.py demo")
            _file_reports(plan, as_of)
        for day in [*_month_rounds(plan, as_of), as_of]:
            scan_region(plan.region, today=day)
            _act_on_drafts(plan, day, by)
        _interview_and_praise(plan, as_of, by)
        scan_region(plan.region, today=as_of)
        done_any = True
    return done_any
