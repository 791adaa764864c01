"""Web side: demo import, a 1,000-row import, and the main pages on a 1,000-task plan (markdown to stdout).

Runs on a throw-away SQLite file database (WAL), the default deployment.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="duban-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ["ALLOWED_HOSTS"] = "testserver,localhost"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from scratch import counted_get  # noqa: E402

ROWS = 1000
UNITS = ["发改局", "工信局", "商务局", "财政局", "住建局", "农水局", "教育局", "卫健局", "民政局", "人社局"]


def generated_table(rows: int) -> str:
    lines = ["2026年区政府工作报告目标任务责任分解表", "序号\t具体任务\t牵头单位\t配合单位\t分管领导"]
    for i in range(1, rows + 1):
        if i % 50 == 1:
            lines.append(f"（{i // 50 + 1}）第{i // 50 + 1}组重点工作\t\t\t\t")
        lead, co = UNITS[i % 10], UNITS[(i + 3) % 10]
        lines.append(
            f"{i}\t推进第{i}项重点工作，全年新增就业{i * 10}人以上，投资增长5%。\t区{lead}\t区{co}、各街道\t张三"
        )
    return "\n".join(lines) + "\n"


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def page(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm
    count, response = counted_get(client, url)
    assert response.status_code == 200, (url, response.status_code)
    return timed(lambda: client.get(url), repeat=5), count


def main() -> None:
    call_command("migrate", verbosity=0)
    rows: list[tuple[str, str, str]] = []
    seconds = timed(lambda: call_command("demo", password="bench-pw-2026", stdout=io.StringIO()))
    rows.append(("`manage.py demo` (both seeds, 194 tasks, 269 accounts)", f"{seconds * 1000:.0f} ms", "—"))

    table = TMP / "generated-1000.txt"
    table.write_text(generated_table(ROWS), encoding="utf-8")
    seconds = timed(
        lambda: call_command("import_plan", str(table), region="基准区", year=2026, stdout=io.StringIO())
    )
    rows.append(
        (
            f"`import_plan` of a generated {ROWS}-row table (read, preview, confirm)",
            f"{seconds * 1000:.0f} ms",
            "—",
        )
    )

    from orgs.models import Membership, Role, Unit
    from targets.models import Plan

    plan = Plan.objects.get(region__name="基准区")
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    sup = user_model.objects.create_user("bench-sup", password="bench-pw-2026")
    Membership.objects.create(user=sup, role=Role.SUPERVISOR, region=plan.region)
    liaison = user_model.objects.create_user("bench-liaison", password="bench-pw-2026")
    unit = Unit.objects.get(region=plan.region, name="区发改局")
    Membership.objects.create(user=liaison, role=Role.LIAISON, region=plan.region, unit=unit)

    # 200 monthly reports filed by the unit, so the review queue has work in it.
    from progress import services as progress_services
    from progress.models import Period

    progress_services.ensure_periods(plan=plan, by="manage.py periods")
    period = Period.objects.filter(plan=plan, kind="month").order_by("start").first()
    assert period is not None
    for task in plan.tasks.filter(assignments__unit=unit, assignments__role="lead"):
        progress_services.file_report(
            task=task,
            unit=unit,
            period=period,
            by=liaison,
            status="on_track",
            percent=10,
            text="按计划推进。",
        )

    from orgs.models import Person

    zhang = Person.objects.get(region=plan.region, name="张三")
    leader_user = user_model.objects.create_user("bench-leader", password="bench-pw-2026")
    Membership.objects.create(user=leader_user, role=Role.LEADER, region=plan.region, person=zhang)

    supervisor, unit_client, leader = Client(), Client(), Client()
    supervisor.force_login(sup)
    unit_client.force_login(liaison)
    leader.force_login(leader_user)
    for label, client, url in (
        (f"task list page, {ROWS} tasks (supervisor)", supervisor, f"/plans/{plan.id}/"),
        (f"`GET /api/v1/plans/{{id}}/tasks`, {ROWS} tasks", supervisor, f"/api/v1/plans/{plan.id}/tasks"),
        ("我的待办 of a unit with 200 lead and 200 co tasks", unit_client, "/due/"),
        ("`GET /api/v1/me/due` for that unit", unit_client, "/api/v1/me/due"),
        ("review queue with 200 filed reports (supervisor)", supervisor, "/review/"),
        (f"office overview, {ROWS} tasks (supervisor)", supervisor, f"/overview/?region={plan.region_id}"),
        (f"leader's cockpit, {ROWS} tasks in the portfolio", leader, "/cockpit/"),
    ):
        seconds, queries = page(client, url)
        rows.append((label, f"{seconds * 1000:.0f} ms", str(queries)))

    print("## Web (SQLite, WAL)\n")
    print("| what | median time | queries |")
    print("|---|---:|---:|")
    for label, value, query_count in rows:
        print(f"| {label} | {value} | {query_count} |")


if __name__ == "__main__":
    main()
