"""The dashboards' reads: a constant number of queries per page however many tasks, then the pure counting
in `dashboards.counting`. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dashboards import counting
from dashboards.counting import GroupCount, PeriodRow
from orgs.models import Person, Region, Unit
from orgs.roles import roles_of
from progress.models import CoInput, Period, ProgressReport, ReportVersion
from progress.rules import ROUTINE_KINDS
from supervision.lights import TaskLight, lights_for_tasks
from supervision.models import Commendation, Extension, Interview, LightSnapshot, Notice, Scan
from targets.models import Assignment, Plan, Task, TaskLeader

TREND_MONTHS = 12
PROPOSAL_LEVEL = 3  # L3 (accountability) and up wait for a district leader's decision
CHART_ROWS = 15  # a chart shows the worst rows; its table shows every row
UNIT_ACTIONS = (
    ReportVersion.Action.FILED,
    ReportVersion.Action.NO_CHANGE,
    ReportVersion.Action.SIGNED_OFF,
)


def _in_force(**where: Any) -> QuerySet[Task]:
    return Task.objects.filter(status=Task.Status.ACTIVE, plan__status=Plan.Status.ACTIVE, **where)


LIGHT_FIELDS = ("plan_id", "seq", "due_date", "status")  # what the lights read (and each row's number)


def _active_tasks(*fields: str, section: bool = False, **where: Any) -> list[Task]:
    """The tasks in force, with the columns the lights read and the page's own `fields` (each column costs
    every task: the JSON ones are decoded row by row), with the section's title when `section`; their few
    plans (with the region) loaded once and shared, not one copy per task."""
    found = _in_force(**where).only(*LIGHT_FIELDS, *fields)
    if section:
        found = found.annotate(section_title=F("section__title"))
    tasks: list[Task] = list(found.order_by("plan_id", "seq").distinct())
    plans = Plan.objects.filter(pk__in={t.plan_id for t in tasks}).select_related("region")
    by_id = {p.pk: p for p in plans} if tasks else {}
    for t in tasks:
        t.plan = by_id[t.plan_id]
    return tasks


def _ids(**where: Any) -> Any:
    """The same tasks as a subquery: `task_id__in=` a subquery costs nothing per task to build."""
    return _in_force(**where).values("pk")


def _section_name(task: Task) -> str:
    if task.section_path:
        return str(task.section_path[0])
    return getattr(task, "section_title", None) or ""


@dataclass
class Unreported:
    plan: Plan
    period: Period
    rows: list[counting.Unreported]


@dataclass
class Office:
    region: Region
    private: bool
    total: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    by_section: list[GroupCount] = field(default_factory=list)
    by_unit: list[GroupCount] = field(default_factory=list)
    by_leader: list[GroupCount] = field(default_factory=list)
    by_tag: list[GroupCount] = field(default_factory=list)
    trend: list[counting.TrendPoint] = field(default_factory=list)
    unreported: list[Unreported] = field(default_factory=list)
    overdue: list[Notice] = field(default_factory=list)
    desk: dict[str, int] = field(default_factory=dict)
    leader_ids: dict[str, int] = field(default_factory=dict)

    @property
    def colors(self) -> tuple[str, ...]:
        return counting.COLORS if self.private else counting.PUBLIC_COLORS


def office(region: Region, *, today: dt.date, viewer: Any) -> Office:
    """Everything on the office dashboard of a region, as `viewer` may see it."""
    private = roles_of(viewer).supervises(region.pk)
    tasks = _active_tasks("section_path", "tags", section=True, plan__region=region)
    lights = lights_for_tasks(tasks, today=today, viewer=viewer)
    colors = {t.pk: lights[t.pk].color for t in tasks}
    if not private:
        colors = counting.fold_blue(colors)
    board = Office(region=region, private=private, total=len(tasks), totals=dict(counting.totals(colors)))
    ids = _ids(plan__region=region)
    board.by_section = counting.count_by(
        colors, {t.pk: [n] for t in tasks if (n := _section_name(t))}, none=_("(no section)")
    )
    board.by_unit = _by_unit(ids, colors, lights, private)
    leaders: dict[int, list[str]] = defaultdict(list)
    for task_id, person_id, name in TaskLeader.objects.filter(task_id__in=ids).values_list(
        "task_id", "person_id", "person__name"
    ):
        if task_id in colors:
            leaders[task_id].append(name)
            board.leader_ids[name] = person_id
    board.by_leader = counting.count_by(colors, leaders, none=_("(no leader named)"))
    labels = {value: str(label) for value, label in Task.Tag.choices}  # translated once, not per task
    tags = {t.pk: [labels.get(tag, tag) for tag in t.tags or []] for t in tasks}
    board.by_tag = counting.count_by(colors, tags, none=_("(no tag)"))
    board.trend = trend(region, today=today, private=private)
    board.unreported = unreported(region, today=today)
    board.overdue = list(
        Notice.objects.filter(region=region, state__in=Notice.OPEN_STATES, answer_due__lt=today)
        .select_related("task", "unit")
        .order_by("answer_due", "pk")
    )
    board.desk = desk_counts(region, today=today)
    return board


def _by_unit(
    ids: Any, colors: dict[int, str], lights: dict[int, TaskLight], private: bool
) -> list[GroupCount]:
    """Each lead unit's own light on each of its tasks (the task's light where the unit has none)."""
    pairs: list[tuple[str, str]] = []
    for task_id, unit_id, name in Assignment.objects.filter(
        task_id__in=ids, role=Assignment.Role.LEAD
    ).values_list("task_id", "unit_id", "unit__name"):
        if task_id not in colors:
            continue  # a task that came into force after the lights were read
        own = lights[task_id].units.get(unit_id)
        color = own.color if own is not None else colors[task_id]
        pairs.append((name, "green" if color == "blue" and not private else color))
    return counting.count_pairs(pairs)


def trend(region: Region, *, today: dt.date, private: bool) -> list[counting.TrendPoint]:
    """The lights at the last scan of each month, for the twelve months up to today."""
    scans = counting.last_scan_per_month(
        Scan.objects.filter(region=region, on__lte=today).values_list("id", "on"),
        today=today,
        months=TREND_MONTHS,
    )
    rows = (
        LightSnapshot.objects.filter(scan_id__in=list(scans))
        .values("scan_id", "color")
        .annotate(n=Count("id"))
        .values_list("scan_id", "color", "n")
    )
    return counting.trend(rows, scans, private=private)


def unreported(region: Region, *, today: dt.date) -> list[Unreported]:
    """Per active plan of the region, its current routine period and the lead units that have not reported
    on it yet. Six queries however many plans, tasks and units."""
    plans = {p.pk: p for p in Plan.objects.filter(region=region, status=Plan.Status.ACTIVE)}
    periods: dict[int, Period] = {}
    current: dict[int, Period] = {}
    by_plan: dict[int, list[PeriodRow]] = defaultdict(list)
    for p in Period.objects.filter(plan_id__in=plans, kind__in=ROUTINE_KINDS):
        periods[p.pk] = p
        by_plan[p.plan_id].append(
            PeriodRow(p.pk, p.plan_id, p.kind, p.start, p.end, p.due_date, p.locked, p.lock_date)
        )
    for plan_id, rows in by_plan.items():
        found = counting.current_period(rows, today=today)
        if found is not None:
            current[plan_id] = periods[found.id]
    if not current:
        return []
    leads: dict[int, list[tuple[int, int, int, dt.date]]] = defaultdict(list)
    for task_id, unit_id, seq, due, plan_id in Assignment.objects.filter(
        task__plan_id__in=current, role=Assignment.Role.LEAD, task__status=Task.Status.ACTIVE
    ).values_list("task_id", "unit_id", "task__seq", "task__due_date", "task__plan_id"):
        leads[plan_id].append((task_id, unit_id, seq, due))
    filed: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for task_id, unit_id, period_id in (
        ProgressReport.objects.filter(period_id__in=[p.pk for p in current.values()])
        .exclude(state=ProgressReport.State.RETURNED)
        .values_list("task_id", "unit_id", "period_id")
    ):
        filed[period_id].append((task_id, unit_id))
    done = dict(
        ProgressReport.objects.filter(
            task__plan_id__in=current,
            period__kind__in=ROUTINE_KINDS,
            state=ProgressReport.State.ACCEPTED,
            status=ProgressReport.Status.DONE,
        )
        .values("task_id")
        .annotate(end=Max("period__end"))
        .values_list("task_id", "end")
    )
    groups: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in Unit.members.through.objects.filter(from_unit__region=region).values_list(
        "from_unit_id", "to_unit_id"
    ):
        groups[group_id].append(member_id)
    names = dict(Unit.objects.filter(region=region).values_list("pk", "name"))
    out = []
    for plan_id, period in sorted(current.items()):
        row = PeriodRow(
            period.pk,
            plan_id,
            period.kind,
            period.start,
            period.end,
            period.due_date,
            period.locked,
            period.lock_date,
        )
        owed = counting.unreported(
            period=row,
            leads=leads[plan_id],
            filed=filed[period.pk],
            done_before=done,
            groups=groups,
            names=names,
            today=today,
        )
        out.append(Unreported(plans[plan_id], period, owed))
    return out


def desk_counts(region: Region, *, today: dt.date) -> dict[str, int]:
    """The 督办 desk's counts: drafts to decide, answers awaited, overdue and to review, extension requests,
    proposed interviews and commendations."""
    open_ = Q(state__in=Notice.OPEN_STATES)
    counts = Notice.objects.filter(region=region).aggregate(
        drafts=Count("id", filter=Q(state=Notice.State.DRAFT)),
        waiting=Count("id", filter=open_ & (Q(answer_due__gte=today) | Q(answer_due__isnull=True))),
        overdue=Count("id", filter=open_ & Q(answer_due__lt=today)),
        answered=Count("id", filter=Q(state=Notice.State.ANSWERED)),
    )
    counts["extensions"] = Extension.objects.filter(
        task__plan__region=region, state=Extension.State.PENDING_DECISION
    ).count()
    counts["interviews"] = (
        Interview.objects.filter(notice__region=region, state=Interview.State.PROPOSED)
        .exclude(notice__state=Notice.State.DISMISSED)
        .count()
    )
    counts["commendations"] = Commendation.objects.filter(
        region=region, state=Commendation.State.PROPOSED
    ).count()
    return {k: int(v) for k, v in counts.items()}


def chart(rows: list[GroupCount], colors: tuple[str, ...], *, limit: int = CHART_ROWS) -> dict[str, Any]:
    """A stacked bar chart's data (the worst rows; the table beside it shows them all)."""
    shown = rows[:limit]
    return {
        "categories": [r.name for r in shown],
        "series": [{"color": c, "data": [r.counts[c] for r in shown]} for c in colors],
    }


def trend_chart(points: list[counting.TrendPoint], colors: tuple[str, ...]) -> dict[str, Any]:
    return {
        "categories": [p.month for p in points],
        "series": [{"color": c, "data": [p.counts.get(c, 0) for p in points]} for c in colors],
    }


@dataclass(frozen=True)
class LightGroup:
    """The cockpit's tasks of one light: its rows' HTML made once here (a leader has hundreds of tasks; one
    template node per group, not a dozen per row)."""

    color: str
    count: int
    rows: SafeString


TITLE_CHARS = 60


def _task_rows(
    tasks: list[Task], lights: dict[int, TaskLight], leads: dict[int, list[str]]
) -> dict[int, str]:
    """Each task's <li>: "12. 新建中小学校3所…" (60 characters at most) linked to the task, its lead units,
    its due date and the light's reasons. Every word from the database goes through `escape` (what Django's
    own `escape` and the template's autoescape apply)."""
    sentinel = "2147483647"
    href = escape(reverse("targets:task_detail", args=[int(sentinel)]))  # reversed once; each id in place
    before, after = href.split(sentinel)
    due = escape(_("due"))  # translated once per page
    rows = {}
    for t in tasks:
        pk, text = t.id, t.text
        if len(text) > TITLE_CHARS:
            text = text[: TITLE_CHARS - 1] + "…"
        reasons = "；".join(lights[pk].reasons)
        why = f'<div class="reasons">{escape(reasons)}</div>' if reasons else ""
        rows[pk] = (
            f'<li data-task="{pk:d}"><a href="{before}{pk:d}{after}">{t.seq}. {escape(text)}</a>\n'
            f'    <div class="muted">{escape("、".join(leads.get(pk, ())))} · {due} {t.due_date:%Y-%m-%d}</div>\n'
            f"    {why}</li>"
        )
    return rows


@dataclass
class Cockpit:
    people: list[Person]
    private: bool
    tasks: list[Task]
    lights: dict[int, TaskLight]
    groups: list[LightGroup]

    lead_names: dict[int, list[str]]
    changes: list[tuple[counting.Change, Task]]
    filed: list[ProgressReport]
    filed_count: int
    accepted_count: int
    issued: list[Notice]
    proposals: list[Notice]
    interviews: list[Interview]
    extensions: list[Extension]
    since: dt.date


def cockpit(people: list[Person], *, today: dt.date, viewer: Any) -> Cockpit:
    """A district leader's portfolio: the tasks naming them as leader, by light with reasons, what changed
    in the last seven days, and what waits for a decision."""
    person_ids = [p.pk for p in people]
    tasks = _active_tasks("text", task_leaders__person_id__in=person_ids)
    by_id = {t.pk: t for t in tasks}
    ids = _ids(task_leaders__person_id__in=person_ids)
    lights = lights_for_tasks(tasks, today=today, viewer=viewer)
    roles = roles_of(viewer)
    private = roles.is_admin or bool({t.plan.region_id for t in tasks} <= roles.supervised_regions and tasks)
    colors = {t: light.color for t, light in lights.items()}
    lead_names: dict[int, list[str]] = defaultdict(list)
    for task_id, name in Assignment.objects.filter(task_id__in=ids, role=Assignment.Role.LEAD).values_list(
        "task_id", "unit__name"
    ):
        if task_id in by_id:
            lead_names[task_id].append(name)
    rows = _task_rows(tasks, lights, lead_names)
    since = counting.week_ago(today)
    before = _colors_at(ids, {t.plan.region_id for t in tasks}, since)
    if not private:
        before = counting.fold_blue(before)
    changes = [(c, by_id[c.task_id]) for c in counting.light_changes(before, colors) if c.task_id in by_id]
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    reports = ProgressReport.objects.filter(task_id__in=ids)
    week = reports.aggregate(
        filed=Count("id", filter=Q(filed_at__gte=start)),
        accepted=Count("id", filter=Q(state=ProgressReport.State.ACCEPTED, reviewed_at__gte=start)),
    )
    issued, proposals = _notices(ids, since)
    return Cockpit(
        people=people,
        private=private,
        tasks=tasks,
        lights=lights,
        groups=[
            LightGroup(c, len(ts), SafeString("".join([rows[t] for t in ts])))
            for c, ts in counting.by_light(colors)
        ],
        lead_names=lead_names,
        changes=changes,
        filed=list(
            reports.filter(filed_at__gte=start)
            .select_related("task", "unit", "period")
            .order_by("-filed_at")[:20]
        ),
        filed_count=int(week["filed"]),
        accepted_count=int(week["accepted"]),
        issued=issued,
        proposals=proposals,
        interviews=list(
            Interview.objects.filter(notice__task_id__in=ids, state=Interview.State.PROPOSED)
            .exclude(notice__state=Notice.State.DISMISSED)
            .select_related("notice__task", "notice__unit")
        ),
        extensions=list(
            Extension.objects.filter(
                task_id__in=ids,
                state__in=[Extension.State.PENDING_APPROVAL, Extension.State.PENDING_DECISION],
            ).select_related("task", "unit")
        ),
        since=since,
    )


def _notices(ids: Any, since: dt.date) -> tuple[list[Notice], list[Notice]]:
    """The notices issued since `since` (newest first) and the open L3+ proposals, in one query."""
    settled = (Notice.State.DISMISSED, Notice.State.CLOSED)
    proposal = Q(level__gte=PROPOSAL_LEVEL) & ~Q(state__in=settled)
    rows = list(
        Notice.objects.filter(Q(issued_on__gte=since) | proposal, task_id__in=ids)
        .select_related("task", "unit")
        .order_by("pk")
    )
    issued = [n for n in rows if n.issued_on is not None and n.issued_on >= since]
    issued.sort(key=lambda n: n.issued_on or since, reverse=True)  # stable: pk order among the same day
    proposals = [n for n in rows if n.level >= PROPOSAL_LEVEL and n.state not in settled]
    return issued, proposals


def _colors_at(task_ids: Any, region_ids: set[int], day: dt.date) -> dict[int, str]:
    """Each task's light at its region's last scan on or before `day` (none: no scan then)."""
    latest = (
        Scan.objects.filter(region_id__in=region_ids, on__lte=day)
        .values("region_id")
        .annotate(last=Max("on"))
        .values_list("region_id", "last")
    )
    q = Q(pk__in=[])
    for region_id, on in latest:
        q |= Q(scan__region_id=region_id, scan__on=on)
    return dict(LightSnapshot.objects.filter(q, task_id__in=task_ids).values_list("task_id", "color"))


@dataclass
class Burden:
    rows: list[counting.BurdenRow]

    @property
    def totals(self) -> dict[str, int]:
        return {
            "reports": sum(r.reports for r in self.rows),
            "steps": sum(r.steps for r in self.rows),
            "returns": sum(r.returns for r in self.rows),
            "co_inputs": sum(r.co_inputs for r in self.rows),
            "answers": sum(r.answers for r in self.rows),
            "total_steps": sum(r.total_steps for r in self.rows),
        }


def burden(region: Region) -> Burden:
    """What reporting cost the region's units, per reporting period (never per unit: RULES.md rule 9)."""
    periods = list(Period.objects.filter(plan__region=region).order_by("end", "kind"))
    in_region = Q(period__plan__region=region)

    def per_period(qs: Any, key: str = "period_id", **where: Any) -> dict[int, int]:
        rows = qs.filter(**where).values(key).annotate(n=Count("id")).values_list(key, "n")
        return {int(k): int(n) for k, n in rows}

    versions = ReportVersion.objects.filter(report__period__plan__region=region)
    rows = counting.burden(
        [(p.pk, p.label, p.end) for p in periods],
        reports=per_period(ProgressReport.objects.filter(in_region)),
        steps=per_period(versions, "report__period_id", action__in=UNIT_ACTIONS),
        returns=per_period(versions, "report__period_id", action=ReportVersion.Action.RETURNED),
        co_inputs=per_period(CoInput.objects.filter(in_region)),
        answered_on=[
            day
            for day in Notice.objects.filter(region=region, answered_on__isnull=False).values_list(
                "answered_on", flat=True
            )
            if day is not None
        ],
    )
    return Burden(rows)
