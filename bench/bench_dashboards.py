"""The lights and the dashboards at a district's size (issue #15): 400 tasks, a year of monthly reports.

Times `supervision.lights.lights_for_tasks`, the office overview `/overview/` and the leader cockpit
`/cockpit/` (Django's test client: view + ORM + database, server time) and prints each one's query count
(markdown to stdout). Speed is measured here, never asserted in tests.

Runs on PostgreSQL when BENCH_DATABASE_URL is set (postgres://…), else on a throw-away SQLite file (WAL).

usage: bench/bench_dashboards.py [--tasks 400] [--repeat 15] [--profile lights|overview|cockpit]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="duban-bench-dash-"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
# DEBUG stays off (as in production); throw-away keys for this throw-away database, no second factor
for _name in ("SECRET_KEY", "AUDIT_KEY", "FIELD_KEY"):
    os.environ.setdefault(_name, f"bench-only-{_name.lower()}-not-a-secret")
os.environ["REQUIRE_2FA"] = "0"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import AccountProfile  # noqa: E402
from audit.services import record  # noqa: E402
from orgs.models import Membership, Person, Region, Role, Unit  # noqa: E402
from progress import clock  # noqa: E402
from progress import services as progress  # noqa: E402
from progress.models import Period, ProgressReport  # noqa: E402
from supervision.lights import lights_for_tasks  # noqa: E402
from supervision.scan import scan_region  # noqa: E402
from targets.models import Assignment, Indicator, Milestone, Plan, Section, Task, TaskLeader  # noqa: E402

TODAY = dt.date(2026, 12, 14)
UNITS = 30
LEADERS = 8
SECTIONS = ("一、稳增长", "二、促转型", "三、惠民生", "四、优环境", "五、强治理")
TAGS = ("key_project", "key_indicator", "livelihood", "")
TEXT = "本月完成项目现场调研两次，协调解决用地问题一项，形成工作台账并按节点推进。"


def _tasks(plan: Plan, n: int) -> list[Task]:
    sections = [Section.objects.create(plan=plan, title=title, order=i) for i, title in enumerate(SECTIONS)]
    return Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                seq=i + 1,
                text=f"第{i + 1}项任务：{TEXT}",
                section=sections[i % len(sections)],
                section_path=[SECTIONS[i % len(sections)]],
                tags=[t for t in (TAGS[i % len(TAGS)],) if t],
                due_date=dt.date(2026, 12, 31) if i % 9 else dt.date(2026, 6, 30 if i % 2 else 12),
                status=Task.Status.WITHDRAWN if i % 97 == 5 else Task.Status.ACTIVE,
            )
            for i in range(n)
        ]
    )


def _reports(tasks: list[Task], units: list[Unit], plan: Plan) -> int:
    months = list(Period.objects.filter(plan=plan, kind="month", due_date__lt=TODAY).order_by("start"))
    filed = dt.datetime(2026, 1, 1, 1, 30, tzinfo=dt.UTC)
    rows = [
        ProgressReport(
            task=t,
            unit=units[i % UNITS],
            period=p,
            status="done" if (i % 13 == 0 and p.start.month >= 9) else "on_track",
            percent=min(100, max(0, p.start.month * 8 - (i % 7) * 6)),
            text=TEXT,
            state="accepted" if i % 5 else "filed",
            version=1,
            filed_at=filed + dt.timedelta(days=31 * p.start.month),
        )
        for i, t in enumerate(tasks)
        for p in months
        if not (i % 11 == 0 and p.start.month >= 10)  # some units stop reporting
    ]
    ProgressReport.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def build(n: int) -> dict[str, Any]:
    """A district: 30 units, 8 district leaders, one plan of n tasks with a year of monthly reports."""
    user_model = get_user_model()
    region = Region.objects.create(name="泉港区")
    units = Unit.objects.bulk_create([Unit(region=region, name=f"区第{u + 1:02d}局") for u in range(UNITS)])
    leaders = Person.objects.bulk_create(
        [Person(region=region, name=f"领导{k + 1}", kind=Person.Kind.LEADER) for k in range(LEADERS)]
    )
    plan = Plan.objects.create(region=region, year=2026, title="2026年政府工作报告目标任务")
    tasks = _tasks(plan, n)
    Assignment.objects.bulk_create(
        [Assignment(task=t, unit=units[i % UNITS], role="lead") for i, t in enumerate(tasks)]
        + [Assignment(task=t, unit=units[(i + 7) % UNITS], role="co") for i, t in enumerate(tasks)]
    )
    TaskLeader.objects.bulk_create(  # the district head is in charge of every task, with a deputy each
        [TaskLeader(task=t, person=leaders[0], order=0) for t in tasks]
        + [TaskLeader(task=t, person=leaders[1 + i % (LEADERS - 1)], order=1) for i, t in enumerate(tasks)]
    )
    Indicator.objects.bulk_create(
        [
            Indicator(
                task=t,
                name="固定资产投资增长",
                kind="growth_rate",
                comparator=">=",
                value=6.0,
                unit="%",
                target_year=2026,
            )
            for t in tasks[::4]
        ]
    )
    Milestone.objects.bulk_create(
        [Milestone(task=t, title="完成立项", due_date=dt.date(2026, 9, 30)) for t in tasks[::6]]
    )
    progress.ensure_periods(plan=plan, by="manage.py periods")
    reports = _reports(tasks, units, plan)
    office, leader = (
        user_model.objects.create(username="office"),
        user_model.objects.create(username="leader"),
    )
    AccountProfile.objects.filter(user__in=[office, leader]).update(must_change_password=False)
    Membership.objects.create(user=office, role=Role.SUPERVISOR, region=region)
    Membership.objects.create(user=leader, role=Role.LEADER, region=region, person=leaders[0])
    for day in (dt.date(2026, 11, 16), dt.date(2026, 12, 7)):
        scan_region(region, today=day)
    return {"region": region, "office": office, "leader": leader, "reports": reports}


def _city(region: Region) -> tuple[int, Any]:
    """泉州市 over the district, and its observer (reads the city view, sees no blue)."""
    city = Region.objects.create(name="泉州市")
    Region.objects.filter(pk=region.pk).update(parent=city)
    observer = get_user_model().objects.create(username="city")
    AccountProfile.objects.filter(user=observer).update(must_change_password=False)
    Membership.objects.create(user=observer, role=Role.OBSERVER, region=city)
    return city.pk, observer


def _unit_and_public(region: Region, plan_id: int) -> tuple[Unit, Client, Client]:
    """A unit's liaison (the unit page) and an anonymous visitor (the plan published by the office)."""
    Plan.objects.filter(pk=plan_id).update(published=True)
    unit = Unit.objects.filter(region=region).order_by("pk").first()
    assert unit is not None
    liaison = get_user_model().objects.create(username="unit_liaison")
    AccountProfile.objects.filter(user=liaison).update(must_change_password=False)
    Membership.objects.create(user=liaison, role=Role.LIAISON, region=region, unit=unit)
    unit_client = Client(SERVER_NAME="localhost")
    unit_client.force_login(liaison)
    return unit, unit_client, Client(SERVER_NAME="localhost")


BEFORE = """Before issue #15's work (branch dash at ea62221, this harness, the same machine, load average ≈ 11 on
2 cores, SQLite): `lights_for_tasks` 301 ms median (89 ms CPU), 13 queries; `/overview/` 556 ms (144 ms CPU),
34 queries; `/cockpit/` of the head of 395 tasks 656 ms (195 ms CPU), 26 queries. Now:
"""


def writes(region: Region, tasks: list[Task]) -> dict[str, Callable[[], None]]:
    """What happens before each call of a case, by the case's last word: "filed", a liaison's filing (a report's
    event in the audit chain: its task's light is worked out again, the others kept); "one", a write on one task
    that is not a filing (a notice, a milestone, the task edited: that task's light worked out again)."""
    filed = iter(ProgressReport.objects.filter(task__plan__region=region).order_by("-pk"))
    edited = iter(tasks * 10)

    def a_filing() -> None:
        with transaction.atomic():
            record(actor=None, verb="progress.report_filed", obj=next(filed), after={"bench": True})

    def a_task_write() -> None:
        with transaction.atomic():
            record(actor=None, verb="task.updated", obj=next(edited), after={"bench": True})

    return {"filed": a_filing, "one": a_task_write}


def timed(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> tuple[float, float, float, int]:
    """(median ms, best ms, median CPU ms of this process, queries) of fn after one warm call, `before` run
    (untimed) ahead of each call. The CPU time counts the database too on SQLite (in process) and does not
    count waiting for a busy machine's cores."""
    before = before or (lambda: None)
    fn()
    before()
    queries = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):  # not CaptureQueriesContext: a request resets its log
        fn()
    times, cpu = [], []
    for _ in range(repeat):
        before()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu), len(queries)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument(
        "--profile",
        choices=(
            "lights",
            "lights_cold",
            "overview",
            "overview_filed",
            "overview_one",
            "overview_cold",
            "cockpit",
            "cockpit_filed",
            "cockpit_one",
            "cockpit_cold",
            "unit",
            "unit_filed",
            "public",
            "city",
            "city_filed",
            "city_cold",
            "city_plan",
            "city_plan_cold",
        ),
    )
    args = ap.parse_args()
    call_command("migrate", verbosity=0)
    clock.today = lambda: TODAY  # the pages ask the clock
    world = build(args.tasks)
    tasks = list(Task.objects.filter(plan__region=world["region"]).select_related("plan__region"))
    cockpit_tasks = Task.objects.filter(task_leaders__person__name="领导1", status=Task.Status.ACTIVE).count()
    office, leader = Client(SERVER_NAME="localhost"), Client(SERVER_NAME="localhost")
    office.force_login(world["office"])
    leader.force_login(world["leader"])
    city, observer = _city(world["region"])
    city_client = Client(SERVER_NAME="localhost")
    city_client.force_login(observer)
    plan_id = Plan.objects.get(region=world["region"]).pk
    unit, unit_client, public_client = _unit_and_public(world["region"], plan_id)

    def get(client: Client, url: str) -> Callable[[], object]:
        def fn() -> object:
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code, response.get("Location"))
            return response

        return fn

    def cold(fn: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            cache.clear()  # the lights worked out again, as after a write (a new data version)
            return fn()

        return run

    cases: dict[str, tuple[str, Callable[[], object]]] = {
        "lights": (
            f"`lights_for_tasks` ({len(tasks)} tasks, office)",
            lambda: lights_for_tasks(tasks, today=TODAY, viewer=world["office"]),
        ),
        "lights_cold": (
            "`lights_for_tasks`, after a write (computed)",
            cold(lambda: lights_for_tasks(tasks, today=TODAY, viewer=world["office"])),
        ),
        "overview": ("office overview `/overview/`", get(office, "/overview/")),
        "overview_filed": ("`/overview/` after a filing", get(office, "/overview/")),
        "overview_one": (
            "`/overview/` after a write on one task (a notice, an edit)",
            get(office, "/overview/"),
        ),
        "overview_cold": (
            "`/overview/` after a write on the whole plan (a period, the calendar; every light computed)",
            cold(get(office, "/overview/")),
        ),
        "cockpit": (
            f"leader cockpit `/cockpit/` (the district head: {cockpit_tasks} tasks in force)",
            get(leader, "/cockpit/"),
        ),
        "cockpit_filed": ("`/cockpit/` after a filing", get(leader, "/cockpit/")),
        "cockpit_one": ("`/cockpit/` after a write on one task", get(leader, "/cockpit/")),
        "cockpit_cold": (
            "`/cockpit/` after a write on the whole plan (every light computed)",
            cold(get(leader, "/cockpit/")),
        ),
        "unit": (
            f"unit page `/units/<id>/` (its liaison: {Assignment.objects.filter(unit=unit).count()} tasks)",
            get(unit_client, f"/units/{unit.pk}/"),
        ),
        "unit_filed": ("`/units/<id>/` after a filing", get(unit_client, f"/units/{unit.pk}/")),
        "public": (
            "public page `/public/plans/<id>/` (no login)",
            get(public_client, f"/public/plans/{plan_id}/"),
        ),
        "city": ("city roll-up `/city/<city>/` (its observer)", get(city_client, f"/city/{city}/")),
        "city_filed": ("`/city/<city>/` after a filing", get(city_client, f"/city/{city}/")),
        "city_cold": (
            "`/city/<city>/` after a write on the whole plan",
            cold(get(city_client, f"/city/{city}/")),
        ),
        "city_plan": (
            "a district's plan in the city view `/city/<city>/plans/<id>/`",
            get(city_client, f"/city/{city}/plans/{plan_id}/"),
        ),
        "city_plan_cold": (
            "`/city/<city>/plans/<id>/` after a write",
            cold(get(city_client, f"/city/{city}/plans/{plan_id}/")),
        ),
    }
    if args.profile:
        fn = cases[args.profile][1]
        fn()
        prof = cProfile.Profile(time.process_time)  # CPU time: a busy machine does not blur it
        prof.runcall(fn)
        stats = pstats.Stats(prof).sort_stats(os.environ.get("SORT", "cumulative"))
        stats.print_stats(int(os.environ.get("ROWS", "40")))
        if os.environ.get("CALLERS"):
            stats.print_callers(os.environ["CALLERS"])
        return 0
    load = loadavg()
    before_each = writes(world["region"], tasks)  # by the case's last word: what happens before each call
    rows = [
        (name, *timed(fn, args.repeat, before_each.get(key.rsplit("_", 1)[-1])))
        for key, (name, fn) in cases.items()
    ]
    print("## dashboards\n")
    print(
        f"Database: {connection.vendor}. One district: {args.tasks} tasks, {UNITS} units, {LEADERS} leaders, "
        f"{world['reports']:,} monthly reports up to {TODAY:%Y-%m}, two ladder scans. Server time in process "
        f"(Django test client), median and best of {args.repeat} after a warm call. Load average before: {load}.\n"
    )
    print(BEFORE)
    print("| what | median ms | best ms | median CPU ms | queries |")
    print("|---|---:|---:|---:|---:|")
    for name, median, best, cpu, queries in rows:
        print(f"| {name} | {median:.0f} | {best:.0f} | {cpu:.0f} | {queries} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
