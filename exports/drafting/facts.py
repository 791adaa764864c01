"""The facts a drafted document states, read once from the database: each task's light and reasons, its
lead units, its latest report up to the window's end, and the praise proposed in the window."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from exports.lights import GREEN, OF_STATUS, RED, Light, Praise, commendations, engine_lights
from exports.models import Document
from progress.models import Period, ProgressReport
from progress.rules import ROUTINE_KINDS, SUMMARY_KINDS
from targets.models import Assignment, Plan, Task

LAST_QUARTER = 4


@dataclass(frozen=True)
class Window:
    """What a document covers: a quarter, the first half, or the year."""

    year: int
    start: dt.date
    end: dt.date
    label: str  # 第三季度, 上半年, 全年
    quarter: int | None = None


def quarter_window(year: int, quarter: int) -> Window:
    names = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == LAST_QUARTER), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return Window(year, start, end, names[quarter], quarter)


def last_quarter(year: int, today: dt.date) -> int:
    """The latest quarter of `year` that has ended by today (1 before the first quarter ends)."""
    if today.year > year:
        return LAST_QUARTER
    return max(1, (today.month - 1) // 3)


def parse_period(text: str, year: int) -> Window:
    """ "3", "Q3", "2026Q3", "2026-Q3", "H1", "year" → the window; ValueError on anything else."""
    t = text.strip().upper().replace("-", "")
    if t in ("H1", "HALF", "HALF_YEAR"):
        return Window(year, dt.date(year, 1, 1), dt.date(year, 6, 30), "上半年")
    if t in ("YEAR", "Y", "ANNUAL"):
        return Window(year, dt.date(year, 1, 1), dt.date(year, 12, 31), "全年")
    m = re.fullmatch(r"(?:(\d{4}))?Q?([1-4])", t)
    if not m:
        raise ValueError(text)
    return quarter_window(int(m.group(1) or year), int(m.group(2)))


def short_text(text: str, limit: int = 24) -> str:
    """The task's first clause, for naming it in a sentence."""
    first = re.split(r"[，。；;,]", text.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit] + "……"


@dataclass(frozen=True)
class TaskFact:
    task_id: int
    seq: int
    text: str
    section: str
    leads: str
    light: str
    reasons: tuple[str, ...]
    status: str | None
    percent: int | None
    progress: str
    summary: str = ""

    @property
    def short(self) -> str:
        return short_text(self.text)

    @property
    def done(self) -> bool:
        return self.status == "done"


@dataclass
class Facts:
    plan: Plan
    window: Window
    as_of: dt.date
    tasks: list[TaskFact] = field(default_factory=list)
    praise: list[Praise] = field(default_factory=list)
    engine: bool = False

    def count(self, light: str) -> int:
        return sum(1 for t in self.tasks if t.light == light)

    def by_id(self) -> dict[int, TaskFact]:
        return {t.task_id: t for t in self.tasks}


def _tasks(plan: Plan) -> list[Task]:
    return list(
        Task.objects.filter(plan=plan, status=Task.Status.ACTIVE)
        .select_related("plan__region", "section")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("unit").order_by("role", "order"),
                to_attr="assignment_list",
            )
        )
        .order_by("seq")
    )


def closing_day(plan: Plan, window: Window) -> dt.date:
    """The lock date of the last routine period ending in the window; the window's end without periods."""
    last = (
        Period.objects.filter(plan=plan, kind__in=ROUTINE_KINDS, end__gte=window.start, end__lte=window.end)
        .order_by("-end", "-lock_date")
        .values_list("lock_date", flat=True)
        .first()
    )
    return max(last, window.end) if last else window.end


def praise_since(plan: Plan, window: Window) -> dt.date:
    """Praise not yet published: proposed after the last bulletin issued before this window's end (the
    start of the year when none was)."""
    last = (
        Document.objects.filter(plan=plan, kind=Document.Kind.BULLETIN, state=Document.State.ISSUED)
        .filter(issued_on__lte=window.end)
        .order_by("-issued_on")
        .values_list("issued_on", flat=True)
        .first()
    )
    return last + dt.timedelta(days=1) if last else dt.date(plan.year, 1, 1)


def gather(plan: Plan, window: Window, *, today: dt.date) -> Facts:
    """Everything a document on `window` needs. Lights are taken when the window's last reports were in and
    reviewed (the lock date of its last routine period: September's reports are due in October), or on
    the drafting day if that comes first."""
    as_of = min(today, closing_day(plan, window))
    tasks = _tasks(plan)
    lights = engine_lights(tasks, today=as_of)
    reports = (
        ProgressReport.objects.filter(task__plan=plan, period__end__lte=window.end)
        .exclude(state=ProgressReport.State.RETURNED)
        .select_related("period", "unit")
        .order_by("period__end", "pk")
    )
    latest: dict[int, ProgressReport] = {}
    summary: dict[int, str] = {}
    for r in reports:
        if r.period.kind in ROUTINE_KINDS:
            latest[r.task_id] = r
        elif r.period.kind in SUMMARY_KINDS:
            summary[r.task_id] = r.text
    facts = Facts(plan, window, as_of, engine=lights is not None)
    for task in tasks:
        report = latest.get(task.pk)
        light = (lights or {}).get(task.pk) or Light(OF_STATUS.get(report.status, "") if report else "")
        facts.tasks.append(
            TaskFact(
                task_id=task.pk,
                seq=task.seq,
                text=task.text,
                section=task.section.title if task.section else "",
                leads="、".join(u.name for u in task.lead_units),
                light=light.color,
                reasons=light.reasons,
                status=report.status if report else None,
                percent=report.percent if report else None,
                progress=report.text if report else "",
                summary=summary.get(task.pk, ""),
            )
        )
    praise = commendations(plan, start=praise_since(plan, window), end=as_of)
    if praise is None:  # no engine: tasks reported done in the window are the ones to praise
        praise = [
            Praise(t.task_id, t.leads, ("任务已完成",))
            for t in facts.tasks
            if t.done and latest[t.task_id].period.end >= window.start
        ]
    facts.praise = praise
    return facts


def criticised(facts: Facts) -> list[TaskFact]:
    return [t for t in facts.tasks if t.light == RED]


def on_track(facts: Facts) -> list[TaskFact]:
    return [t for t in facts.tasks if t.light == GREEN and not t.done]
