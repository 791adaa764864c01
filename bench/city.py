"""`make bench-city`: a city's worth of duban on PostgreSQL and how fast its main pages answer.

Generates 12 regions × 150 tasks × 5 plan years (2022–2026) with a monthly report on every task for every
month already due (≈100,000 reports), 30 units per region with a liaison each and a supervision office, in
the database `ops_city` (dropped and made again). Then the p95 of the main pages and API lists over
REPEAT requests each, in process (Django's test client: the view, the ORM and PostgreSQL, no network), and
the supervision scan's time when `manage.py supervise` exists. Writes its section of docs/benchmarks.md
(`<!-- bench:city -->`). The pages measured are PAGES below: adding one is one line.

usage: bench/city.py [--regions 12] [--tasks 150] [--years 5] [--repeat 30] [--no-write]
                     [--database ops_city] [--reuse]   (--reuse: keep a city made before, skip the generation)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from sections import load_average, stamp, write_section  # noqa: E402

DB = "ops_city"
TARGET_MS = 200
# (who, what, URL): who is the client asking — liaison (a lead unit's liaison of region 1), office (region 1's
# supervision office), leader (region 1's leader in charge of a third of its tasks), anonymous. The URL may
# name {plan} (region 1's plan of this year), {task} (its first task), {region} (region 1), {unit} (the
# liaison's unit). A page that answers 404 (not built yet) is listed as such and not counted.
PAGES: list[tuple[str, str, str]] = [
    ("liaison", "我的待办 /due/", "/due/"),
    ("liaison", "API what is due /api/v1/me/due", "/api/v1/me/due"),
    ("office", "plans /plans/", "/plans/"),
    ("office", "task list of a plan (first page)", "/plans/{plan}/"),
    ("office", "task page", "/tasks/{task}/"),
    ("office", "task timeline", "/tasks/{task}/timeline/"),
    ("office", "review queue /review/ (first page)", "/review/"),
    ("office", "API plans", "/api/v1/plans"),
    ("office", "API tasks of a plan (all)", "/api/v1/plans/{plan}/tasks"),
    ("office", "office overview /overview/", "/overview/"),
    ("leader", "leader's cockpit /cockpit/", "/cockpit/"),
    ("office", "unit work list /units/{id}/", "/units/{unit}/"),
    ("anonymous", "public page of a plan (cached)", "/public/plans/{plan}/"),
    ("city", "city view /city/{id}/ (cached a few minutes)", "/city/{city}/"),
    ("city", "a district's plan in the city view, read-only", "/city/{city}/plans/{plan}/"),
]
TEXT = "本月完成项目现场调研两次，协调解决用地问题一项，形成工作台账并按节点推进，下一步将加快审批手续办理。"


def fresh_database(name: str = DB, *, reuse: bool = False) -> tuple[str, bool]:
    """(the database's URL, whether it already holds a city): made again unless `reuse` and it exists."""
    import psycopg
    from psycopg import sql

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("select 1 from pg_database where datname = %s", [name]).fetchone() is not None
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    if exists and reuse:
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as c:
            exists = c.execute("select to_regclass('ops_ready')").fetchone() not in (None, (None,))
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        if not (reuse and exists):
            c.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
            c.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return url, reuse and exists


def _no_first_login_change() -> None:
    """A benchmark account is not asked to change its first password (the leaders are made one by one,
    so the first-login flag of a new account is set on them)."""
    from accounts.models import AccountProfile

    AccountProfile.objects.update(must_change_password=False)


def existing_sample(tasks: int, today: dt.date) -> dict[str, Any]:
    """The sample `generate` returns, found again in a database it made before (--reuse)."""
    _no_first_login_change()
    from django.contrib.auth import get_user_model

    from progress.models import ProgressReport
    from targets.models import Plan

    users = get_user_model().objects
    plan = Plan.objects.get(region__name="第01区", year=today.year)
    liaison = users.get(username="c00-u00")
    return {
        "plan": plan.pk,
        "task": plan.tasks.get(seq=1).pk,
        "region": plan.region_id,
        "unit": liaison.memberships.get().unit_id,
        "liaison": liaison,
        "supervisor": users.get(username="c00-sup"),
        "leader": users.filter(username="c00-leader").first(),
        "reports": ProgressReport.objects.count(),
        "tasks": tasks,
        **_city_again(today=today),
    }


def _city_again(*, today: dt.date) -> dict[str, Any]:
    """The city of a database made before (or made now, when that database predates the city view)."""
    from django.contrib.auth import get_user_model

    from orgs.models import Region
    from targets.models import Assignment, Plan

    city = Region.objects.filter(name="泉州市").first()
    if city is None:
        return _city(today=today)
    plan = Plan.objects.filter(year=today.year).order_by("pk").first()
    lead = Assignment.objects.filter(task__plan=plan, role="lead").order_by("pk").first()
    observer = get_user_model().objects.get(username="city-observer")
    return {"city": city.pk, "city_observer": observer, "unit": lead.unit_id if lead else 0}


def generate(*, regions: int, tasks: int, years: int, today: dt.date) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from orgs.models import Membership, Person, Region, Role, Unit
    from progress import services
    from progress.models import ProgressReport
    from targets.models import Assignment, Plan, Task, TaskLeader

    user_model = get_user_model()
    password = make_password("City-pass-2026")
    first_year = today.year - years + 1
    sample: dict[str, Any] = {}
    count = 0
    for r in range(regions):
        region = Region.objects.create(name=f"第{r + 1:02d}区")
        units = Unit.objects.bulk_create(
            [Unit(region=region, name=f"第{r + 1:02d}区单位{u:02d}") for u in range(30)]
        )
        people = user_model.objects.bulk_create(
            [user_model(username=f"c{r:02d}-sup", password=password)]
            + [user_model(username=f"c{r:02d}-u{u:02d}", password=password) for u in range(30)]
        )
        leader_user = user_model.objects.create(username=f"c{r:02d}-leader", password=password)
        leader = Person.objects.create(
            region=region, name=f"第{r + 1:02d}区领导", kind="leader", user=leader_user
        )
        Membership.objects.bulk_create(
            [
                Membership(user=people[0], role=Role.SUPERVISOR, region=region),
                Membership(user=leader_user, role=Role.LEADER, region=region, person=leader),
            ]
            + [
                Membership(user=p, role=Role.LIAISON, region=region, unit=u)
                for p, u in zip(people[1:], units, strict=True)
            ]
        )
        for year in range(first_year, today.year + 1):
            status = Plan.Status.ACTIVE if year == today.year else Plan.Status.CLOSED
            plan = Plan.objects.create(region=region, year=year, title=f"{year}年政府工作报告", status=status)
            made = Task.objects.bulk_create(
                [
                    Task(
                        plan=plan, seq=s + 1, text=f"第{s + 1}项任务：{TEXT}", due_date=dt.date(year, 12, 31)
                    )
                    for s in range(tasks)
                ]
            )
            Assignment.objects.bulk_create(
                [Assignment(task=t, unit=units[i % 30], role="lead") for i, t in enumerate(made)]
                + [Assignment(task=t, unit=units[(i + 7) % 30], role="co") for i, t in enumerate(made)]
            )
            TaskLeader.objects.bulk_create([TaskLeader(task=t, person=leader) for t in made[::3]])
            services.ensure_periods(plan=plan, by="manage.py periods")
            months = list(plan.periods.filter(kind="month", due_date__lte=today))
            reports = [
                ProgressReport(
                    task=t,
                    unit=units[i % 30],
                    period=p,
                    status="on_track",
                    percent=min(100, p.start.month * 8),
                    text=TEXT,
                    state="accepted" if year < today.year else "filed",
                    version=1,
                    filed_by=people[1 + i % 30],
                    filed_at=timezone.make_aware(dt.datetime.combine(p.due_date, dt.time(9, 30))),
                )
                for i, t in enumerate(made)
                for p in months
            ]
            ProgressReport.objects.bulk_create(reports, batch_size=5000)
            count += len(reports)
            if r == 0 and year == today.year:
                sample = {
                    "plan": plan.pk,
                    "task": made[0].pk,
                    "region": region.pk,
                    "unit": units[0].pk,
                    "liaison": people[1],
                    "supervisor": people[0],
                    "leader": leader_user,
                }
        print(f"region {r + 1}/{regions}: {count} reports so far", file=sys.stderr)
    sample["reports"] = count
    sample["tasks"] = tasks
    _no_first_login_change()
    sample.update(_city(today=today))
    return sample


def _city(*, today: dt.date) -> dict[str, Any]:
    """The regions under one city with an observer (the city view), the first region's plan published."""
    from django.contrib.auth import get_user_model

    from orgs.models import Membership, Region, Role
    from targets.models import Assignment, Plan

    city = Region.objects.create(name="泉州市")
    Region.objects.exclude(pk=city.pk).update(parent=city)
    # bulk_create, as the other accounts: no first-login password change asked of a benchmark account
    (observer,) = get_user_model().objects.bulk_create([get_user_model()(username="city-observer")])
    Membership.objects.create(user=observer, role=Role.OBSERVER, region=city)
    plan = Plan.objects.filter(year=today.year).order_by("pk").first()
    Plan.objects.filter(pk=plan.pk if plan else 0).update(published=True)
    lead = Assignment.objects.filter(task__plan=plan, role="lead").order_by("pk").first()
    return {"city": city.pk, "city_observer": observer, "unit": lead.unit_id if lead else 0}


def p95(client: Any, url: str, repeat: int) -> tuple[float, int]:
    for _ in range(2):
        response = client.get(url)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[min(len(times) - 1, int(len(times) * 0.95))], response.status_code


def measure(sample: dict[str, Any], repeat: int) -> list[tuple[str, str, float, int]]:
    from django.test import Client

    https: dict[str, Any] = {
        "SERVER_NAME": "localhost",
        "HTTP_X_FORWARDED_PROTO": "https",
    }  # DEBUG off: https
    clients: dict[str, Any] = {"anonymous": Client(**https)}
    for who, user in (
        ("liaison", "liaison"),
        ("office", "supervisor"),
        ("leader", "leader"),
        ("city", "city_observer"),
    ):
        if sample.get(user) is not None:
            clients[who] = Client(**https)
            clients[who].force_login(sample[user])
    names = {k: sample[k] for k in ("plan", "task", "region", "unit", "city")}
    return [
        (who, what, *p95(clients[who], url.format(**names), repeat))
        for who, what, url in PAGES
        if who in clients
    ]


def scan_time() -> str:
    from django.core.management import call_command, get_commands

    if "supervise" not in get_commands():
        return "not measured: `manage.py supervise` does not exist in this code yet"
    t0 = time.perf_counter()
    call_command("supervise")
    return f"{time.perf_counter() - t0:.1f} s for the whole city"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", type=int, default=12)
    ap.add_argument("--tasks", type=int, default=150)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--database", default=DB, help="the PostgreSQL database to (re)make")
    ap.add_argument("--reuse", action="store_true", help="keep the database if it holds a city already")
    args = ap.parse_args()
    os.environ["DATABASE_URL"], reused = fresh_database(args.database, reuse=args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    # production settings (DEBUG off: no query log), with throw-away keys for this scratch database
    os.environ.update(DEBUG="0", REQUIRE_2FA="0", LOG_LEVEL="ERROR")
    for key in ("SECRET_KEY", "AUDIT_KEY", "FIELD_KEY"):
        os.environ.setdefault(key, f"city-bench-{key.lower()}-" + "x" * 40)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    load = load_average()
    t0 = time.perf_counter()
    if reused:
        sample = existing_sample(args.tasks, today)
    else:
        sample = generate(regions=args.regions, tasks=args.tasks, years=args.years, today=today)
        with connection.cursor() as c:
            # the planner's statistics, as autovacuum gathers them after a bulk load (it may be off here)
            c.execute("analyze")
            c.execute("create table ops_ready (made timestamptz)")  # the mark --reuse looks for
    made = time.perf_counter() - t0
    rows = measure(sample, args.repeat)
    scan = scan_time()

    counted = [ms for _, _, ms, status in rows if status != 404]
    ok = all(ms < TARGET_MS for ms in counted)
    section = "\n".join(
        [
            "## City scale (PostgreSQL)",
            "",
            stamp(os.environ.get("BENCH_BY", "make bench-city"), load)
            + f" Load average when it ended: {load_average()}.",
            "",
            f"{args.regions} regions × {args.tasks} tasks × {args.years} plan years, a monthly report on every task "
            f"for every month due: {sample['reports']:,} reports (generated in {made:.0f} s). p95 over {args.repeat} "
            "requests each, in process (view + ORM + PostgreSQL; no network, no gunicorn).",
            "",
            "| who | page | p95 ms | status |",
            "|---|---|---:|---:|",
            *[
                f"| {who} | {name} | {ms:.0f} | {status}{' (not built yet)' if status == 404 else ''} |"
                for who, name, ms, status in rows
            ],
            "",
            f"Target p95 < {TARGET_MS} ms for the main pages: {'met' if ok else 'NOT met'}. Supervision scan: {scan}.",
        ]
    )
    print(section)
    if not args.no_write:
        write_section("city", section)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
