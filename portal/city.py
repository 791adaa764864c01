"""The city view's facts: a parent region's districts rolled up, and the same task side by side.

Each figure comes from one query or one pass over rows already fetched, whatever the number of tasks:
lights per district (supervision.lights, as the city reads them: blue is a private hint, shown as green),
the share of lead units that reported for the district's current period (the last routine period already
due), and the notices whose answer is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.utils.safestring import SafeString

from audit.services import data_version
from orgs.models import Region, Unit
from orgs.roles import roles_of
from portal import compare
from progress.models import Period, ProgressReport
from progress.rules import ROUTINE_KINDS
from supervision import rules
from supervision.lights import TaskLight, lights_for_tasks
from supervision.models import Notice
from targets.models import Assignment, Plan, Task, TaskLeader

COMPARE_CACHE_SECONDS = 600
ROLLUP_CACHE_SECONDS = 300


@dataclass
class District:
    region: Region
    plan: Plan | None = None
    lights: dict[str, int] = field(default_factory=dict)
    tasks: int = 0
    period: Period | None = None
    expected: int = 0
    reported: int = 0
    overdue_notices: int = 0

    @property
    def reported_percent(self) -> int | None:
        return round(100 * self.reported / self.expected) if self.expected else None

    def light_counts(self) -> list[tuple[str, str, int]]:
        return [
            (c, rules.COLOR_WORDS[c], self.lights.get(c, 0))
            for c in (rules.RED, rules.AMBER, rules.GREEN, rules.GREY)
        ]


def years(city: Region) -> list[int]:
    return sorted(set(Plan.objects.filter(region__parent=city).values_list("year", flat=True)), reverse=True)


def pick_year(available: list[int], asked: int | None, today: dt.date) -> int | None:
    if asked in available:
        return asked
    if today.year in available:
        return today.year
    return available[0] if available else None


def _current_periods(plans: list[Plan], today: dt.date) -> dict[int, Period]:
    """Each plan's last routine period already due on `today`."""
    current: dict[int, Period] = {}
    for p in Period.objects.filter(plan__in=plans, kind__in=ROUTINE_KINDS, due_date__lte=today).order_by(
        "due_date", "kind"
    ):
        current[p.plan_id] = p
    return current


def _reporting(rows: dict[int, District], plans: list[Plan], today: dt.date) -> None:
    periods = _current_periods(plans, today)
    by_plan = {p.pk: rows[p.region_id] for p in plans}
    leads = (
        Assignment.objects.filter(
            task__plan__in=plans, role=Assignment.Role.LEAD, task__status=Task.Status.ACTIVE
        )
        .exclude(unit__kind=Unit.Kind.GROUP)
        .values_list("task__plan_id", "task__due_date")
    )
    for plan_id, due in leads:
        period = periods.get(plan_id)
        if period is not None and due >= period.start:
            by_plan[plan_id].expected += 1
    reported = (
        ProgressReport.objects.filter(period__in=periods.values(), task__status=Task.Status.ACTIVE)
        .exclude(state=ProgressReport.State.RETURNED)
        .values("period__plan_id")
        .annotate(n=Count("id"))
    )
    for row in reported:
        by_plan[row["period__plan_id"]].reported = row["n"]
    for plan_id, period in periods.items():
        by_plan[plan_id].period = period


def rollup(city: Region, year: int, *, today: dt.date, viewer: Any) -> list[District]:
    """Each district's row, kept in the cache (the lights of a whole city take a while to work out) under the
    data version: a write anywhere is a new key, so the roll-up is never stale; ROLLUP_CACHE_SECONDS bounds it."""
    private = roles_of(viewer).is_admin  # an admin sees blue; a city's supervisor or observer does not
    key = f"portal:city:{city.pk}:{year}:{today.isoformat()}:{int(private)}:{data_version()}"
    found: list[District] | None = cache.get(key)
    if found is None:
        found = _rollup(city, year, today=today, viewer=viewer)
        cache.set(key, found, ROLLUP_CACHE_SECONDS)
    return found


def _rollup(city: Region, year: int, *, today: dt.date, viewer: Any) -> list[District]:
    districts = list(Region.objects.filter(parent=city).order_by("name"))
    rows = {r.pk: District(r) for r in districts}
    plans = list(Plan.objects.filter(region__in=districts, year=year).select_related("region"))
    for plan in plans:
        rows[plan.region_id].plan = plan
    by_id = {plan.pk: plan for plan in plans}
    tasks = list(
        Task.objects.filter(plan__in=plans, status=Task.Status.ACTIVE).only(
            "plan_id", "seq", "due_date", "status"
        )
    )
    for task in tasks:  # what the lights read; each plan (its region selected) shared, not a copy per task
        task.plan = by_id[task.plan_id]
    lights = lights_for_tasks(tasks, today=today, viewer=viewer)
    tally: dict[int, Counter[str]] = defaultdict(Counter)
    for task in tasks:
        light = lights.get(task.pk)
        tally[task.plan.region_id][light.color if light else rules.GREY] += 1
    for region_id, counter in tally.items():
        rows[region_id].lights = dict(counter)
        rows[region_id].tasks = sum(counter.values())
    _reporting(rows, plans, today)
    overdue = (
        Notice.objects.filter(region__in=districts, state__in=Notice.OPEN_STATES, answer_due__lt=today)
        .values("region_id")
        .annotate(n=Count("id"))
    )
    for row in overdue:
        rows[row["region_id"]].overdue_notices = row["n"]
    return list(rows.values())


def _entries(tasks: list[tuple[int, int, str]]) -> list[compare.Entry]:
    return [compare.Entry(pk, region_id, compare.normalise(text)) for pk, region_id, text in tasks]


def same_tasks(city: Region, year: int, *, last_year: bool = False) -> list[list[int]]:
    """Groups of task ids: the same task in two districts or more in the year; with `last_year`, the year's
    and the year before's tasks, any two plans (a task carried over in one district counts). Cached a while."""
    years = [year - 1, year] if last_year else [year]
    count = Task.objects.filter(plan__region__parent=city).count()
    key = f"portal:compare:{city.pk}:{'-'.join(map(str, years))}:{count}"
    found: list[list[int]] | None = cache.get(key)
    if found is None:
        rows = list(
            Task.objects.filter(plan__region__parent=city, plan__year__in=years, status=Task.Status.ACTIVE)
            .order_by("-plan__year", "plan__region__name", "seq")
            .values_list("pk", "plan_id" if last_year else "plan__region_id", "text")
        )
        found = [[e.id for e in g] for g in compare.groups(_entries(rows))]
        cache.set(key, found, COMPARE_CACHE_SECONDS)
    return found


def matches(city: Region, task: Task) -> list[tuple[Task, float]]:
    """The task's match in every district of the city and every year (carry-over), best first."""
    rows = list(
        Task.objects.filter(plan__region__parent=city)
        .exclude(pk=task.pk)
        .values_list("pk", "plan__region_id", "text")
    )
    found = compare.similar(task.text, _entries(rows), exclude=task.pk)
    by_id = Task.objects.select_related("plan__region").in_bulk([e.id for e, _score in found])
    return [(by_id[e.id], score) for e, score in found if e.id in by_id]


def with_lights(tasks: list[Task], *, today: dt.date, viewer: Any) -> dict[int, TaskLight]:
    return lights_for_tasks(tasks, today=today, viewer=viewer)


def plan_rows(
    tasks: list[Task],
    lights: dict[int, TaskLight],
    leads: dict[int, list[str]],
    leaders: dict[int, list[str]],
    *,
    link: str,
    slot: str,
) -> SafeString:
    """The <tr> of each task of a district's plan (number, task linked to `link` with the task's id in place
    of `slot`, lead units, leaders, due date, light and its reasons), made here in one pass: a plan has
    hundreds of rows and a template spends a dozen nodes on each. Every word from the database goes through
    `escape` (what Django's `escape` and the template's autoescape apply)."""
    before, after = escape(link).split(slot)
    out = []
    for t in tasks:
        pk = t.id
        light = lights.get(pk)
        if light is None:
            shown = ""
        else:
            color = escape(light.color)
            word = rules.COLOR_WORDS.get(light.color, "")
            shown = f'<span class="badge light-{color}" data-light="{color}">{escape(word)}</span>'
            if light.reasons:
                shown += f'<br><span class="muted">{escape("；".join(light.reasons))}</span>'
        out.append(
            f"<tr>\n    <td>{t.seq}</td>\n"
            f'    <td><a href="{before}{pk:d}{after}">{escape(t.text)}</a></td>\n'
            f"    <td>{escape('、'.join(leads.get(pk, ())))}</td>\n"
            f"    <td>{escape('、'.join(leaders.get(pk, ())))}</td>\n"
            f"    <td>{t.due_date:%Y-%m-%d}</td>\n"
            f"    <td>{shown}</td>\n  </tr>"
        )
    return SafeString("".join(out))


def plan_names(plan: Plan) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The lead units' and the leaders' names of each task of a plan, in their order: two queries of names
    (a district's plan is a table of hundreds of rows; no model is built for a name)."""
    leads: dict[int, list[str]] = defaultdict(list)
    for task_id, name in (
        Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD)
        .order_by("task_id", "order")
        .values_list("task_id", "unit__name")
    ):
        leads[task_id].append(name)
    leaders: dict[int, list[str]] = defaultdict(list)
    for task_id, name in (
        TaskLeader.objects.filter(task__plan=plan)
        .order_by("task_id", "order")
        .values_list("task_id", "person__name")
    ):
        leaders[task_id].append(name)
    return leads, leaders
