"""The scan: every light of a region, a snapshot of them, and the ladder's proposals.

Safe to run twice and from two processes at once: the scan, its snapshots, ladder rounds, reminders,
notices, interviews and commendations all have unique keys and are inserted with ON CONFLICT DO NOTHING.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count

from audit.services import record
from orgs.models import Region
from progress import services as progress_services
from progress.models import Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from supervision import ladder, rules
from supervision.lights import TaskLight, calendars, compute, config_for
from supervision.models import (
    Commendation,
    Interview,
    LadderRound,
    LightSnapshot,
    Notice,
    Reminder,
    Scan,
)
from supervision.services import infer_missing_tags
from targets.models import Plan, Task

ACTOR = "manage.py supervise"
INTERVIEW_LEVEL = 2  # an L2 notice comes with a proposed 约谈


@dataclass
class ScanResult:
    region: str
    on: dt.date
    lights: Counter[str] = field(default_factory=Counter)
    reminders: int = 0
    notices: Counter[int] = field(default_factory=Counter)
    interviews: int = 0
    commendations: int = 0
    tagged: int = 0
    round: str = ""
    dry_run: bool = False

    def line(self) -> str:
        lights = " ".join(f"{c} {self.lights[c]}" for c in rules.COLORS)
        notices = ", ".join(f"L{k} {v}" for k, v in sorted(self.notices.items())) or "0"
        verb = "would propose" if self.dry_run else "proposed"
        return (
            f"{self.region} {self.on}: lights {lights}; {verb} {self.reminders} reminder(s), notices {notices}, "
            f"{self.interviews} interview(s), {self.commendations} commendation(s)"
            f"{'; ladder round ' + self.round if self.round else ''}"
        )


def _round(region: Region, plans: list[Plan], scan: Scan, today: dt.date) -> LadderRound | None:
    """The monthly ladder round: the latest routine period whose review closed by today."""
    period = (
        Period.objects.filter(plan__in=plans, kind__in=ROUTINE_KINDS, lock_date__lte=today)
        .order_by("-lock_date")
        .first()
    )
    if period is None:
        return None
    found, _ = LadderRound.objects.get_or_create(
        region=region, period=period, defaults={"scan": scan, "on": today}
    )
    return found


def _round_history(
    plans: list[Plan], task_ids: list[int], today: dt.date
) -> dict[tuple[int, int], list[ladder.RoundLight]]:
    """(task id, unit id) → the unit's lights at each ladder round of the plan's year, oldest first."""
    rounds = list(
        LadderRound.objects.filter(period__plan__in=plans, on__lte=today)
        .order_by("on")
        .values_list("scan_id", "on")
    )
    on_of = dict(rounds)
    history: dict[tuple[int, int], list[ladder.RoundLight]] = defaultdict(list)
    snaps = LightSnapshot.objects.filter(scan_id__in=on_of, task_id__in=task_ids).values_list(
        "scan_id", "task_id", "units"
    )
    for scan_id, task_id, units in sorted(snaps, key=lambda s: on_of[s[0]]):
        for unit_id, (color, reasons) in units.items():
            history[(task_id, int(unit_id))].append(ladder.RoundLight(on_of[scan_id], color, tuple(reasons)))
    return history


def _ladder_rows(
    task_ids: list[int], today: dt.date
) -> tuple[
    set[tuple[int, int, int]],
    dict[tuple[int, int], dict[int, ladder.NoticeFact]],
    dict[tuple[int, int], ladder.InterviewFact | None],
]:
    filed = {
        (t, u, p)
        for t, u, p, at in ProgressReport.objects.filter(
            task_id__in=task_ids, period__kind__in=ROUTINE_KINDS
        ).values_list("task_id", "unit_id", "period_id", "filed_at")
        if at.astimezone(dt.UTC).date() <= today
    }
    notices: dict[tuple[int, int], dict[int, ladder.NoticeFact]] = defaultdict(dict)
    ids: dict[tuple[int, int], int] = {}
    for n in Notice.objects.filter(task_id__in=task_ids).values(
        "id", "task_id", "unit_id", "level", "state", "answer_due"
    ):
        notices[(n["task_id"], n["unit_id"])][n["level"]] = ladder.NoticeFact(
            n["level"], n["state"], n["answer_due"]
        )
        if n["level"] == INTERVIEW_LEVEL:
            ids[(n["task_id"], n["unit_id"])] = n["id"]
    interviews: dict[int, ladder.InterviewFact] = {}
    for iv in Interview.objects.filter(notice_id__in=ids.values(), state=Interview.State.HELD):
        interviews[iv.notice_id] = ladder.InterviewFact(
            iv.held_on, iv.rectification_due, bool(iv.rectification_plan)
        )
    by_key = {key: interviews.get(nid) for key, nid in ids.items()}
    return filed, notices, by_key


def _proposals(
    region: Region, tasks: list[Task], lights: dict[int, TaskLight], today: dt.date, plans: list[Plan]
) -> tuple[list[Reminder], list[Notice]]:
    cal = calendars([region.pk])[region.pk]
    config = config_for(region)
    task_ids = [t.pk for t in tasks]
    filed, notices, interviews = _ladder_rows(task_ids, today)
    history = _round_history(plans, task_ids, today)
    periods: dict[int, list[rules.RoutinePeriod]] = defaultdict(list)
    for row in Period.objects.filter(plan__in=plans, kind__in=ROUTINE_KINDS).order_by("due_date"):
        periods[row.plan_id].append(rules.RoutinePeriod(row.pk, row.kind, row.start, row.end, row.due_date))
    reminders: list[Reminder] = []
    drafts: list[Notice] = []
    for task in tasks:
        for unit_id, light in lights[task.pk].units.items():
            if light.color == rules.GREY or (
                light.color == rules.GREEN and light.reasons[0].endswith("报告）")
            ):
                continue  # adjusted or done: nothing to chase
            unfiled = [
                p
                for p in periods[task.plan_id]
                if (task.pk, unit_id, p.id) not in filed and p.start <= task.due_date
            ]
            for kind, p in ladder.reminders(unfiled, today=today, cal=cal, config=config):
                reminders.append(
                    Reminder(kind=kind, task=task, unit_id=unit_id, period_id=p.id, due=p.due, on=today)
                )
            facts = ladder.LadderFacts(
                rounds=history.get((task.pk, unit_id), []),
                unfiled=[p for p in unfiled if p.due < today],
                notices=notices.get((task.pk, unit_id), {}),
                interview=interviews.get((task.pk, unit_id)),
            )
            step = ladder.next_step(facts, today=today, cal=cal, config=config)
            if step is not None:
                drafts.append(
                    Notice(
                        region=region,
                        task=task,
                        unit_id=unit_id,
                        year=task.plan.year,
                        level=step.level,
                        rule=step.rule,
                        reasons=list(step.reasons),
                        proposed_on=today,
                        proposed_by_name=ACTOR,
                    )
                )
    return reminders, drafts


def _commendations(
    region: Region, tasks: list[Task], lights: dict[int, TaskLight], today: dt.date
) -> list[Commendation]:
    out: list[Commendation] = []
    for task in tasks:
        for unit_id, light in lights[task.pk].units.items():
            if light.color == rules.GREEN and light.reasons and light.reasons[0].startswith("提前完成"):
                out.append(
                    Commendation(
                        region=region,
                        kind=Commendation.Kind.DONE_EARLY,
                        key=f"done_early:{task.pk}:{unit_id}",
                        unit_id=unit_id,
                        task=task,
                        reasons=[f"第{task.seq}项任务{light.reasons[0]}"],
                        proposed_on=today,
                    )
                )
    return out


QUARTER_MONTHS = 3


def _all_green_quarter(region: Region, current: LadderRound | None, today: dt.date) -> list[Commendation]:
    """At the round of a quarter's last month: units whose every task was green at the quarter's three rounds."""
    if current is None or current.period.start.month % QUARTER_MONTHS:
        return []
    end = current.period.start
    first_month = end.month - QUARTER_MONTHS + 1
    scans = list(
        LadderRound.objects.filter(
            region=region,
            period__plan_id=current.period.plan_id,
            period__kind="month",
            period__start__year=end.year,
            period__start__month__gte=first_month,
            period__start__month__lte=end.month,
        ).values_list("scan_id", flat=True)
    )
    if len(scans) < QUARTER_MONTHS:
        return []
    green: dict[int, bool] = {}
    for units in LightSnapshot.objects.filter(scan_id__in=scans).values_list("units", flat=True):
        for unit_id, (color, _reasons) in units.items():
            green[int(unit_id)] = green.get(int(unit_id), True) and color in (rules.GREEN, rules.BLUE)
    quarter = f"{end.year}年第{end.month // QUARTER_MONTHS}季度"
    return [
        Commendation(
            region=region,
            kind=Commendation.Kind.ALL_GREEN,
            key=f"all_green:{unit_id}:{quarter}",
            unit_id=unit_id,
            reasons=[f"{quarter}所有牵头任务均为绿灯"],
            proposed_on=today,
        )
        for unit_id, ok in green.items()
        if ok
    ]


def _insert_counting(model: Any, rows: list[Any], **scope: Any) -> int:
    before = model.objects.filter(**scope).count()
    model.objects.bulk_create(rows, ignore_conflicts=True)
    return int(model.objects.filter(**scope).count() - before)


def scan_region(region: Region, *, today: dt.date, dry_run: bool = False) -> ScanResult:
    """One region's scan on `today` (a past date replays that day). Dry run: everything, then rolled back."""
    result = ScanResult(region=region.name, on=today, dry_run=dry_run)
    with transaction.atomic():
        plans = list(Plan.objects.filter(region=region, status=Plan.Status.ACTIVE))
        for plan in plans:
            progress_services.ensure_periods(plan=plan)
        tasks = list(
            Task.objects.filter(plan__in=plans, status=Task.Status.ACTIVE)
            .select_related("plan__region")
            .order_by("pk")
        )
        result.tagged = infer_missing_tags(tasks=tasks, by=ACTOR)
        lights = compute(tasks, today=today)
        result.lights = Counter(light.color for light in lights.values())
        scan, _ = Scan.objects.get_or_create(region=region, on=today)
        LightSnapshot.objects.bulk_create(
            [
                LightSnapshot(
                    scan=scan,
                    task_id=tid,
                    color=light.color,
                    reasons=list(light.reasons),
                    units={str(u): [ul.color, list(ul.reasons)] for u, ul in light.units.items()},
                )
                for tid, light in lights.items()
            ],
            ignore_conflicts=True,
        )
        current = _round(region, plans, scan, today)
        result.round = current.period.label if current else ""
        reminders, drafts = _proposals(region, tasks, lights, today, plans)
        result.reminders = _insert_counting(Reminder, reminders, task__plan__region=region)
        before = _levels(region)
        Notice.objects.bulk_create(drafts, ignore_conflicts=True)
        after = _levels(region)
        result.notices = after - before
        l2 = Notice.objects.filter(region=region, level=INTERVIEW_LEVEL, interview__isnull=True)
        result.interviews = _insert_counting(
            Interview, [Interview(notice=n) for n in l2], notice__region=region
        )
        result.commendations = _insert_counting(
            Commendation,
            _commendations(region, tasks, lights, today) + _all_green_quarter(region, current, today),
            region=region,
        )
        record(actor=ACTOR, verb="supervision.scan", obj=scan, after={"summary": result.line()})
        if dry_run:
            transaction.set_rollback(True)
    return result


def _levels(region: Region) -> Counter[int]:
    rows = (
        Notice.objects.filter(region=region).values("level").annotate(n=Count("id")).values_list("level", "n")
    )
    return Counter(dict(rows))
