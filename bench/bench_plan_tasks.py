"""`GET /api/v1/plans/<id>/tasks` at a district's size: 400 tasks, each with a lead unit (some a co-unit too), a
leader and two indicators, a few with parse issues; read by the office (王芳). Markdown to stdout.

Runs on a throw-away SQLite file database (WAL), the default deployment; CPU time, as the machine is shared.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import cpu_and_queries, scratch_django

TMP = scratch_django("duban-bench-plan-tasks-")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

TASKS = int(os.environ.get("TASKS", "400"))
TODAY = dt.date(2026, 4, 3)


def build() -> tuple[Any, int]:
    from django.contrib.auth import get_user_model

    from accounts.models import AccountProfile
    from orgs.models import Membership, Person, Region, Role, Unit
    from targets.models import Assignment, Indicator, Plan, Task, TaskLeader

    region = Region.objects.create(name="基准区")
    depts = [Unit.objects.create(region=region, name=f"区第{i}局") for i in range(20)]
    leaders = [Person.objects.create(region=region, name=f"副区长{i}") for i in range(5)]
    plan = Plan.objects.create(region=region, year=2026, title="2026年政府工作报告目标任务")
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            seq=i + 1,
            text=f"推进第{i + 1}项重点工作，全年投资增长5%。",
            section_path=["一、主要目标", f"（{i % 7 + 1}）分项"],
            due_date=dt.date(2026, 12, 31),
            parse_issues=["牵头单位不明"] if i % 10 == 0 else [],
        )
        for i in range(TASKS)
    )
    links = []
    for i, task in enumerate(tasks):
        links.append(Assignment(task=task, unit=depts[i % 20], role="lead", order=0))
        if i % 3 == 0:
            links.append(Assignment(task=task, unit=depts[(i + 7) % 20], role="co", order=1))
    Assignment.objects.bulk_create(links)
    TaskLeader.objects.bulk_create(TaskLeader(task=t, person=leaders[i % 5]) for i, t in enumerate(tasks))
    Indicator.objects.bulk_create(
        Indicator(
            task=t,
            order=k,
            name="固定资产投资" if k else "新增城镇就业",
            kind="growth_rate" if k else "level",
            comparator=">=",
            value=5.5 if k else 2700,
            unit="%" if k else "人",
            target_year=2026,
            span="增长5.5%" if k else "",
        )
        for t in tasks
        for k in range(2)
    )
    office = get_user_model().objects.create_user("bench-office", password="bench-pw-2026")
    Membership.objects.create(user=office, role=Role.SUPERVISOR, region=region)
    AccountProfile.objects.filter(user=office).update(must_change_password=False)
    return office, plan.pk


def main() -> None:
    call_command("migrate", verbosity=0)
    office, plan_id = build()
    import progress.clock

    progress.clock.today = lambda: TODAY
    url = f"/api/v1/plans/{plan_id}/tasks"
    client = Client(HTTP_X_FORWARDED_PROTO="https")  # DEBUG off: https, as behind the proxy
    client.force_login(office)
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        client.get(url)
        cProfile.runctx(
            "for _ in range(5): client.get(URL)",
            globals(),
            {"client": client, "URL": url},
            str(TMP / "p.prof"),
        )
        pstats.Stats(str(TMP / "p.prof")).sort_stats("cumulative").print_stats(40)
        return
    ms, count, response = cpu_and_queries(client, url, 15)
    assert response.status_code == 200, response.status_code
    assert len(response.json()) == TASKS
    print("## `GET /api/v1/plans/<id>/tasks` at a district's size (SQLite, WAL)\n")
    print(f"{TASKS} tasks, each with a lead unit, a leader and two indicators; read by the office.\n")
    print("| what | median CPU time | queries | bytes |")
    print("|---|---:|---:|---:|")
    print(f"| `GET /api/v1/plans/<id>/tasks` | {ms:.0f} ms | {count} | {len(response.content)} |")
    if "--dump" in sys.argv:
        Path(sys.argv[-1]).write_bytes(response.content)


if __name__ == "__main__":
    main()
