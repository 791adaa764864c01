"""Two scans at the same moment make what one scan makes; 文号 issued at once are gapless and unique.
On PostgreSQL: real threads, each with its own connection. On SQLite: the test database copied to a file
(WAL) and two real `manage.py` processes started at once against it."""

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from supervision import services
from supervision.models import LightSnapshot, Notice, Scan
from supervision.scan import scan_region
from tests.factories import AssignmentFactory, TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date


def together(*jobs):
    """Run the jobs in threads released at the same moment; re-raise the first error."""
    start = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            start.wait()
            job()
        except Exception as e:
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


SQLITE = connection.vendor == "sqlite"
MANAGE = str(Path(__file__).resolve().parents[2] / "manage.py")


def in_two_processes(tmp_path, code):
    """Copy the test database to a file, run `code` in two processes at once, copy the result back."""
    db = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    dest = sqlite3.connect(db)
    connection.connection.backup(dest)
    dest.execute("PRAGMA journal_mode=WAL")
    dest.close()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "AUDIT_KEY": os.environ.get("AUDIT_KEY", "k" * 32),
    }
    procs = [
        subprocess.Popen([sys.executable, MANAGE, "shell", "-c", code], env=env, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    src = sqlite3.connect(db)
    src.backup(connection.connection)
    src.close()


def many_red_tasks(world, n=6):
    for _ in range(n):
        AssignmentFactory(task=TaskFactory(plan=world.plan), unit=world.fagai, role="lead")


def test_two_scans_at_once_make_what_one_scan_makes(world, tmp_path):
    many_red_tasks(world)
    region = world.plan.region
    if SQLITE:
        in_two_processes(
            tmp_path,
            "from django.core.management import call_command; call_command('supervise', date='2026-10-16')",
        )
    else:
        together(
            lambda: scan_region(region, today=D(2026, 10, 16)),
            lambda: scan_region(region, today=D(2026, 10, 16)),
        )
    assert Scan.objects.count() == 1
    first = sorted(Notice.objects.values_list("task_id", "level"))
    assert len(first) == 7
    assert LightSnapshot.objects.count() == 7
    scan_region(region, today=D(2026, 10, 16))
    assert sorted(Notice.objects.values_list("task_id", "level")) == first


def test_numbers_issued_at_once_are_gapless_and_unique(world, tmp_path):
    many_red_tasks(world, n=7)
    scan_region(world.plan.region, today=D(2026, 10, 16))
    drafts = list(Notice.objects.filter(state="draft"))
    assert len(drafts) == 8
    if SQLITE:
        in_two_processes(tmp_path, "from tests.supervision.issue_drafts import run; run()")
    else:
        halves = drafts[::2], drafts[1::2]
        together(
            *[
                (
                    lambda part=part: [
                        services.issue_notice(notice=n, by=world.wangfang, today=D(2026, 10, 16))
                        for n in part
                    ]
                )
                for part in halves
            ]
        )
    numbers = sorted(Notice.objects.values_list("seq_no", flat=True))
    assert numbers == list(range(1, 9))
    assert len(set(Notice.objects.values_list("number", flat=True))) == 8
