"""The facts a drafted document states, read once from the database: each task's light and reasons, its
lead units, its latest report up to the window's end, and the praise proposed in the window."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from exports.lights import GREEN, OF_STATUS, RED, Light, Praise, commendations, engine_lights
from progress.models import ProgressReport
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


def gather(plan: Plan, window: Window, *, today: dt.date) -> Facts:
    """Everything a document on `window` needs. Lights are taken on the drafting day (the last month's
    reports of a quarter are due in the next month), at the latest a quarter after the window's end."""
    as_of = min(today, window.end + dt.timedelta(days=92))
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
    praise = commendations(plan, start=window.start, end=max(today, window.end))
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
