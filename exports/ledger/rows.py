"""What the 台账 shows, row by row: one row per task and reporting unit (a task given to 各镇（街道） has a
row for each town), read from the database in a fixed number of queries.

The cells the office and the units may change are 状态, 最新进展 and 完成百分比; they go to the lead unit's
report for the *target period*: the open routine period (month or quarter) that started last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from orgs.models import Unit
from progress.models import IndicatorReading, Period, ProgressReport
from progress.rules import ROUTINE_KINDS, PeriodInfo, is_open
from targets.models import Assignment, Indicator, Plan, Task, TaskLeader

# (key, header); the order of the columns in the sheet. Months follow as 1月 … 12月.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", "序号"),
    ("text", "任务"),
    ("lead", "牵头单位"),
    ("co", "配合单位"),
    ("leaders", "分管领导"),
    ("due", "完成时限"),
    ("status", "状态"),
    ("light", "亮灯"),
    ("progress", "最新进展"),
    ("percent", "完成百分比"),
    ("indicators", "指标"),
    ("targets", "目标值"),
    ("latest", "最新值"),
)
MONTHS: tuple[str, ...] = tuple(f"{m}月" for m in range(1, 13))
EDITABLE = ("status", "progress", "percent")
STATUS_VALUES = ("on_track", "at_risk", "lagging", "done")
LIGHT_OF_STATUS = {"done": "绿", "on_track": "绿", "at_risk": "黄", "lagging": "红"}


def status_labels() -> dict[str, str]:
    """status code → the word in the sheet's drop-down (the UI's own words)."""
    return {code: str(ProgressReport.Status(code).label) for code in STATUS_VALUES}


def target_period(periods: Iterable[PeriodInfo], *, today: dt.date) -> PeriodInfo | None:
    """The routine period a ledger's edits are filed for: open today, the one that started last; else the
    last routine period that is not locked."""
    routine = [p for p in periods if p.kind in ROUTINE_KINDS]
    open_now = [p for p in routine if is_open(p, today=today)]
    if open_now:
        return max(open_now, key=lambda p: p.start)
    unlocked = [p for p in routine if not p.locked and p.start <= today]
    return max(unlocked, key=lambda p: p.start) if unlocked else None


def period_info(p: Period) -> PeriodInfo:
    return PeriodInfo(p.pk, p.plan_id, p.kind, p.start, p.end, p.due_date, p.locked)


@dataclass(frozen=True)
class Stamp:
    """The reports a row was drawn from, with their versions: a later change to either is a conflict."""

    target_report: int | None
    target_version: int | None
    shown_report: int | None
    shown_version: int | None

    def as_list(self) -> list[int | None]:
        return [self.target_report, self.target_version, self.shown_report, self.shown_version]


@dataclass(frozen=True)
class LedgerRow:
    task_id: int
    unit_id: int | None  # None: a group with no member units; the row cannot be edited
    values: dict[str, str | int | None]
    months: tuple[str, ...]
    stamp: Stamp
    group_note: str = ""


@dataclass
class LedgerData:
    plan: Plan
    period: Period | None
    rows: list[LedgerRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("%(year)s %(region)s work report tasks: ledger") % {
            "year": self.plan.year,
            "region": self.plan.region.name,
        }


def _tasks(plan: Plan) -> list[Task]:
    return list(
        Task.objects.filter(plan=plan, status=Task.Status.ACTIVE)
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("unit").order_by("role", "order"),
                to_attr="assignment_list",
            ),
            Prefetch(
                "task_leaders",
                queryset=TaskLeader.objects.select_related("person").order_by("order"),
                to_attr="leader_list",
            ),
            Prefetch("indicators", queryset=Indicator.objects.order_by("order"), to_attr="indicator_list"),
        )
        .order_by("seq")
    )


def _members(plan: Plan) -> dict[int, list[Unit]]:
    groups: dict[int, list[Unit]] = {}
    through = Unit.members.through.objects.filter(from_unit__region_id=plan.region_id).select_related(
        "to_unit"
    )
    for link in through.order_by("to_unit__name"):
        groups.setdefault(link.from_unit_id, []).append(link.to_unit)
    return groups


def reporting_units(task: Task, members: dict[int, list[Unit]]) -> list[tuple[Unit | None, str]]:
    """(unit that files, note) per lead unit; a group stands for its members."""
    out: list[tuple[Unit | None, str]] = []
    for unit in task.lead_units:
        if not unit.is_group:
            out.append((unit, ""))
        elif members.get(unit.pk):
            out.extend((m, unit.name) for m in members[unit.pk])
        else:
            out.append((None, unit.name))
    return out


def _fmt_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _month_cell(report: ProgressReport, labels: dict[str, str]) -> str:
    return f"{labels.get(report.status, report.status)} {report.percent}%"


def build_rows(
    plan: Plan,
    *,
    today: dt.date,
    light_of: dict[int, str] | None = None,
    only_units: frozenset[int] | None = None,
) -> LedgerData:
    """Every row of the plan's ledger. `light_of` (task id → 红/黄/绿) comes from the supervision lights
    when they exist; without it a row's light follows its latest self-assessed status."""
    periods = list(Period.objects.filter(plan=plan))
    info = [period_info(p) for p in periods]
    target = target_period(info, today=today)
    by_id = {p.pk: p for p in periods}
    reports = list(
        ProgressReport.objects.filter(task__plan=plan, period__kind__in=ROUTINE_KINDS)
        .select_related("period")
        .order_by("period__start", "pk")
    )
    # indicator id → the latest value reported (later periods overwrite earlier ones)
    readings: dict[int, float | None] = dict(
        IndicatorReading.objects.filter(report__task__plan=plan, value__isnull=False)
        .order_by("report__period__start", "report_id")
        .values_list("indicator_id", "value")
    )
    by_key: dict[tuple[int, int], list[ProgressReport]] = {}
    for r in reports:
        by_key.setdefault((r.task_id, r.unit_id), []).append(r)
    labels = status_labels()
    members = _members(plan)
    data = LedgerData(plan=plan, period=by_id.get(target.id) if target else None)
    for task in _tasks(plan):
        for unit, group in reporting_units(task, members):
            if only_units is not None and (unit is None or unit.pk not in only_units):
                continue
            mine = by_key.get((task.pk, unit.pk), []) if unit else []
            data.rows.append(
                _row(
                    task=task,
                    unit=unit,
                    group=group,
                    mine=mine,
                    target=target,
                    labels=labels,
                    readings=readings,
                    light=(light_of or {}).get(task.pk),
                )
            )
    return data


def _row(
    *,
    task: Task,
    unit: Unit | None,
    group: str,
    mine: Sequence[ProgressReport],
    target: PeriodInfo | None,
    labels: dict[str, str],
    readings: dict[int, float | None],
    light: str | None,
) -> LedgerRow:
    in_target = next((r for r in mine if target and r.period_id == target.id), None)
    shown = in_target or (mine[-1] if mine else None)
    months = ["" for _ in range(12)]
    for r in mine:
        months[r.period.end.month - 1] = _month_cell(r, labels)
    indicators = task.indicator_items
    values: dict[str, str | int | None] = {
        "seq": task.seq,
        "text": task.text,
        "lead": unit.name if unit else group,
        "co": "、".join(u.name for u in task.co_units),
        "leaders": "、".join(p.name for p in task.leader_people),
        "due": task.due_date.isoformat(),
        "status": labels.get(shown.status, "") if shown else "",
        "light": light if light is not None else (LIGHT_OF_STATUS.get(shown.status, "") if shown else ""),
        "progress": shown.text if shown else "",
        "percent": shown.percent if shown else None,
        "indicators": "\n".join(i.name for i in indicators),
        "targets": "\n".join(i.target_text for i in indicators),
        "latest": "\n".join(_fmt_number(readings.get(i.pk)) for i in indicators).strip("\n"),
    }
    stamp = Stamp(
        in_target.pk if in_target else None,
        in_target.version if in_target else None,
        shown.pk if shown else None,
        shown.version if shown else None,
    )
    return LedgerRow(task.pk, unit.pk if unit else None, values, tuple(months), stamp, group)


def current_stamps(plan: Plan, period_id: int | None) -> dict[tuple[int, int], Stamp]:
    """(task, unit) → the stamp a row would carry now, for the period the ledger was exported for."""
    stamps: dict[tuple[int, int], Stamp] = {}
    latest: dict[tuple[int, int], ProgressReport] = {}
    target: dict[tuple[int, int], ProgressReport] = {}
    reports = ProgressReport.objects.filter(task__plan=plan, period__kind__in=ROUTINE_KINDS).order_by(
        "period__start", "pk"
    )
    for r in reports.only("pk", "task_id", "unit_id", "period_id", "version"):
        key = (r.task_id, r.unit_id)
        latest[key] = r
        if r.period_id == period_id:
            target[key] = r
    for key, shown in latest.items():
        t = target.get(key)
        shown = t or shown
        stamps[key] = Stamp(t.pk if t else None, t.version if t else None, shown.pk, shown.version)
    return stamps
