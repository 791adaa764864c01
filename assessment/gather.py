"""From the database to each unit's outcomes (scoring.UnitInputs), a constant number of queries per plan."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from assessment.rubric import Rubric
from assessment.scoring import Event, TaskOutcome, UnitInputs
from orgs.models import Unit
from progress.models import Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from supervision.models import Adjustment, Commendation, Interview, Notice
from targets.models import Assignment, Plan, Task

EARLY = dt.timedelta(days=30)
SUMMARY_KINDS = (Period.Kind.HALF_YEAR, Period.Kind.YEAR)


@dataclass
class _Acc:
    tasks: dict[int, TaskOutcome] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)


def _local(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _duties(plan: Plan) -> dict[int, dict[int, str]]:
    """unit id → {task id: role}; a group's task is every member's."""
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in Unit.members.through.objects.filter(
        from_unit__region_id=plan.region_id
    ).values_list("from_unit_id", "to_unit_id"):
        members[group_id].append(member_id)
    duties: dict[int, dict[int, str]] = defaultdict(dict)
    for task_id, unit_id, role in Assignment.objects.filter(
        task__plan=plan, task__status=Task.Status.ACTIVE
    ).values_list("task_id", "unit_id", "role"):
        for unit in members.get(unit_id, [unit_id]):
            if duties[unit].get(task_id) != "lead":
                duties[unit][task_id] = role
    return duties


def _outcome(task: Task, reports: list[ProgressReport], adjusted: bool, r: Rubric) -> tuple[str, bool]:
    done = [x for x in reports if x.status == ProgressReport.Status.DONE and x.state != "returned"]
    if done:
        when = min(_local(x.filed_at) for x in done)
        if when > task.due_date:
            return "done_late", False
        return "done", when <= task.due_date - EARLY
    if reports and max(reports, key=lambda x: x.filed_at).percent >= r.basically_done_percent:
        return "basically_done", False
    if adjusted:
        return "adjusted", False
    return "not_done", False


def inputs_for(plan: Plan, *, today: dt.date, rubric: Rubric) -> dict[int, UnitInputs]:
    duties = _duties(plan)
    tasks = {t.pk: t for t in Task.objects.filter(plan=plan, status=Task.Status.ACTIVE)}
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for rep in ProgressReport.objects.filter(task__plan=plan).select_related("period"):
        reports[rep.task_id].append(rep)
    adjusted = set(Adjustment.objects.filter(task__plan=plan).values_list("task_id", flat=True))
    periods = [p for p in Period.objects.filter(plan=plan) if p.due_date < today]
    acc: dict[int, _Acc] = defaultdict(_Acc)
    for unit_id, owned in duties.items():
        a = acc[unit_id]
        for task_id, role in owned.items():
            task = tasks.get(task_id)
            if task is None:
                continue
            state, early = _outcome(task, reports[task_id], task_id in adjusted, rubric)
            a.tasks[task_id] = TaskOutcome(task_id, task.seq, role, state, early)
            if role == "lead":
                a.events.extend(_reporting_events(task, unit_id, reports[task_id], periods))
    _supervision_events(plan, duties, tasks, acc)
    return {
        unit_id: UnitInputs(unit_id, tuple(a.tasks.values()), tuple(a.events)) for unit_id, a in acc.items()
    }


def _reporting_events(
    task: Task, unit_id: int, reports: list[ProgressReport], periods: list[Period]
) -> list[Event]:
    mine = {x.period_id: x for x in reports if x.unit_id == unit_id}
    done_on = min(
        (x.period.end for x in reports if x.status == ProgressReport.Status.DONE and x.state != "returned"),
        default=None,
    )
    events = []
    for p in periods:
        if task.due_date < p.start or (p.kind in ROUTINE_KINDS and done_on is not None and p.start > done_on):
            continue
        summary = p.kind in SUMMARY_KINDS
        report = mine.get(p.pk)
        if report is None:
            kind = "summary_missing" if summary else "report_missing"
            events.append(Event(kind, task.pk, f"第{task.seq}项{p.label}未报送"))
        elif _local(report.filed_at) > p.due_date:
            kind = "summary_late" if summary else "report_late"
            events.append(Event(kind, task.pk, f"第{task.seq}项{p.label}逾期报送"))
    return events


def _supervision_events(
    plan: Plan, duties: dict[int, dict[int, str]], tasks: dict[int, Task], acc: dict[int, _Acc]
) -> None:
    def role(unit_id: int, task_id: int | None) -> str:
        return duties.get(unit_id, {}).get(task_id or 0, "lead")

    issued = Notice.objects.filter(task__plan=plan).exclude(state__in=["draft", "dismissed"])
    for n in issued:
        seq = tasks[n.task_id].seq if n.task_id in tasks else "?"
        if n.level <= 2:
            acc[n.unit_id].events.append(
                Event("notice", n.task_id, f"第{seq}项被下发督办单{n.number}", role(n.unit_id, n.task_id))
            )
        elif n.level == 3:
            acc[n.unit_id].events.append(Event("accountability", n.task_id, f"第{seq}项被问责", "lead"))
    for iv in Interview.objects.filter(notice__task__plan=plan, state=Interview.State.HELD).select_related(
        "notice"
    ):
        n = iv.notice
        seq = tasks[n.task_id].seq if n.task_id in tasks else "?"
        acc[n.unit_id].events.append(
            Event("interview", n.task_id, f"第{seq}项被约谈（{iv.held_on}）", role(n.unit_id, n.task_id))
        )
    for c in Commendation.objects.filter(region_id=plan.region_id, state=Commendation.State.CONFIRMED):
        if c.task_id is not None and c.task_id not in tasks:
            continue
        acc[c.unit_id].events.append(Event("praised", c.task_id, "通报表扬：" + "；".join(c.reasons or [])))
