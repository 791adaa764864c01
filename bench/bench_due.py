"""我的待办 at a district's size: 400 tasks, a town in about 100 of them (lead through 各镇（街道）, co-unit
directly, some both), March open (January and February closed). Markdown to stdout; also `python bench/bench_due.py --profile`.

Runs on a throw-away SQLite file database (WAL), the default deployment.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import cpu_and_queries, scratch_django

TMP = scratch_django("duban-bench-due-")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

TASKS = 400
TODAY = dt.date(2026, 4, 3)


def build() -> Any:
    from django.contrib.auth import get_user_model

    from accounts.models import AccountProfile
    from orgs.models import Membership, Region, Role, Unit
    from progress import services
    from progress.models import Period
    from targets.models import Assignment, Plan, Task

    region = Region.objects.create(name="基准区")
    depts = [Unit.objects.create(region=region, name=f"区第{i}局") for i in range(20)]
    group = Unit.objects.create(region=region, name="各镇（街道）", kind="group")
    towns = [Unit.objects.create(region=region, name=f"第{i}镇", kind="town") for i in range(8)]
    group.members.add(*towns)
    town = towns[0]
    plan = Plan.objects.create(region=region, year=2026, title="2026年政府工作报告目标任务")
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            seq=i + 1,
            text=f"推进第{i + 1}项重点工作，全年投资增长5%。",
            due_date=dt.date(2026, 12, 31),
        )
        for i in range(TASKS)
    )
    links = []
    for i, task in enumerate(tasks):
        links.append(Assignment(task=task, unit=depts[i % 20], role="lead", order=0))
        if i % 8 == 0:  # 50 tasks: the towns lead through their group
            links.append(Assignment(task=task, unit=group, role="lead", order=1))
        if i % 6 == 0:  # 67 tasks: the town is a co-unit (some of them also led through the group)
            links.append(Assignment(task=task, unit=town, role="co", order=2))
    Assignment.objects.bulk_create(links)
    user_model = get_user_model()
    liaison = user_model.objects.create_user("bench-town", password="bench-pw-2026")
    Membership.objects.create(user=liaison, role=Role.LIAISON, region=region, unit=town)
    AccountProfile.objects.filter(user=liaison).update(must_change_password=False)
    office = user_model.objects.create_user("bench-office", password="bench-pw-2026")
    Membership.objects.create(user=office, role=Role.SUPERVISOR, region=region)
    services.ensure_periods(plan=plan, by="manage.py periods")
    jan = Period.objects.get(plan=plan, kind="month", start=dt.date(2026, 1, 1))
    for task in tasks[:200:8]:  # January filed and accepted for half of the town's lead tasks
        report = services.file_report(
            task=task, unit=town, period=jan, by=liaison, status="on_track", percent=10, text="按计划推进。"
        )
        services.accept_report(report=report, by=office)
    for month in (1, 2):  # what `manage.py periods` does once a period's review closes
        services.close_period_review(
            period=Period.objects.get(plan=plan, kind="month", start=dt.date(2026, month, 1)),
            by="manage.py periods",
        )
    return liaison


def main() -> None:
    call_command("migrate", verbosity=0)
    liaison = build()
    import progress.clock
    from progress.due import due_for

    progress.clock.today = lambda: TODAY
    client = Client(HTTP_X_FORWARDED_PROTO="https")  # DEBUG off: https, as behind the proxy
    client.force_login(liaison)
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        client.get("/due/")
        cProfile.runctx(
            "for _ in range(5): client.get(URL)",
            globals(),
            {"client": client, "URL": os.environ.get("URL", "/due/")},
            str(TMP / "due.prof"),
        )
        pstats.Stats(str(TMP / "due.prof")).sort_stats(
            sys.argv[-1] if len(sys.argv) > 2 else "cumulative"
        ).print_stats(45)
        return
    rows = []
    for label, url in (("我的待办 page", "/due/"), ("`GET /api/v1/me/due`", "/api/v1/me/due")):
        ms, count, response = cpu_and_queries(client, url, 9)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
        rows.append((label, ms, count))
    lines = len(due_for(liaison, today=TODAY))
    print("## 我的待办 at a district's size (SQLite, WAL)\n")
    print(
        f"{TASKS} tasks; a town liaison in about 100 of them, March open (January and February closed): {lines} lines.\n"
    )
    print("| what | median CPU time | queries |")
    print("|---|---:|---:|")
    for label, ms, count in rows:
        print(f"| {label} | {ms:.0f} ms | {count} |")


if __name__ == "__main__":
    main()
