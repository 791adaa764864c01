"""The scan: 12 regions × 150 tasks with a year of monthly reports (markdown to stdout).

Runs on PostgreSQL when BENCH_DATABASE_URL is set (postgres://…), else on a throw-away SQLite file (WAL).
Also scans 12 × 50 tasks to show the number of queries does not grow with the number of tasks.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="duban-bench-sup-"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from orgs.models import Region, Unit  # noqa: E402
from progress import services as progress  # noqa: E402
from progress.models import Period, ProgressReport  # noqa: E402
from supervision.scan import scan_region  # noqa: E402
from targets.models import Assignment, Plan, Task  # noqa: E402

REGIONS = 12
DAY = dt.date(2026, 12, 14)


def build(prefix: str, tasks_per_region: int) -> list[Region]:
    regions = []
    for r in range(REGIONS):
        region = Region.objects.create(name=f"{prefix}{r}区")
        units = Unit.objects.bulk_create([Unit(region=region, name=f"第{u}局") for u in range(15)])
        plan = Plan.objects.create(region=region, year=2026, title="2026年目标任务责任分解表")
        tasks = Task.objects.bulk_create(
            [
                Task(plan=plan, seq=i + 1, text=f"第{i + 1}项任务", due_date=dt.date(2026, 12, 31))
                for i in range(tasks_per_region)
            ]
        )
        Assignment.objects.bulk_create(
            [Assignment(task=t, unit=units[i % 15], role="lead") for i, t in enumerate(tasks)]
        )
        progress.ensure_periods(plan=plan)
        months = list(Period.objects.filter(plan=plan, kind="month", due_date__lt=DAY).order_by("start"))
        now = timezone.now() - dt.timedelta(days=400)
        ProgressReport.objects.bulk_create(
            [
                ProgressReport(
                    task=t,
                    unit=units[i % 15],
                    period=p,
                    status="on_track",
                    percent=max(0, p.start.month * 8 - (i % 7) * 5),
                    text="按计划推进。",
                    state="accepted",
                    filed_at=now,
                )
                for i, t in enumerate(tasks)
                for p in months
                if not (i % 11 == 0 and p.start.month >= 10)  # some units stop reporting
            ],
            batch_size=500,
        )
        regions.append(region)
    return regions


def scan_all(regions: list[Region]) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        for region in regions:
            scan_region(region, today=DAY)
        elapsed = time.perf_counter() - started
    return (
        elapsed,
        len(ctx.captured_queries),
        sum(1 for q in ctx.captured_queries if q["sql"].startswith("INSERT")),
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    rows = []
    for prefix, n in (("小", 50), ("大", 150)):
        regions = build(prefix, n)
        first = scan_all(regions)
        again = scan_all(regions)
        rows.append((n, first, again))
    print("## supervision scan\n")
    print(
        f"Database: {connection.vendor}. {REGIONS} regions, reports for every month up to {DAY:%Y-%m} "
        "(one in eleven tasks stops reporting in October). `scan_region` for every region, as `manage.py supervise`.\n"
    )
    print("| tasks per region | tasks | first scan | queries | second scan (same day) | queries |")
    print("|---|---|---|---|---|---|")
    for n, (t1, q1, _i1), (t2, q2, _i2) in rows:
        print(f"| {n} | {n * REGIONS} | {t1:.2f} s | {q1} ({q1 // REGIONS} per region) | {t2:.2f} s | {q2} |")


if __name__ == "__main__":
    main()
