"""The periodic loop: runs the commands that exist (others' commands join by name), claims each run so two
loops never start one job twice, keeps going when a job fails, and --dry-run changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from ops import periodic
from ops.models import Heartbeat, PeriodicJob

COMMANDS = {"periods": "progress", "clearsessions": "django", "audit_verify": "audit"}


def test_jobs_are_found_by_command_name_so_later_commands_join_by_themselves() -> None:
    now = [j.command for j in periodic.available_jobs(COMMANDS)]
    assert now == ["periods", "clearsessions"]
    later = {**COMMANDS, "supervise": "supervision", "send_outbox": "notify", "purge_outbox": "notify"}
    assert [j.command for j in periodic.available_jobs(later)] == [
        "periods",
        "supervise",
        "send_outbox",
        "clearsessions",
        "purge_outbox",
    ]


@pytest.mark.django_db
def test_a_job_is_claimed_once_per_period_however_many_loops_run() -> None:
    job = periodic.Job("periods", periodic.HOUR)
    noon = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
    assert periodic.claim(job, now=noon) is True
    assert periodic.claim(job, now=noon) is False  # a second loop at the same moment
    assert periodic.claim(job, now=noon + dt.timedelta(minutes=59)) is False
    assert periodic.claim(job, now=noon + dt.timedelta(hours=1)) is True


# the worker closes its database connection when it ends: outside a test transaction, so it can
@pytest.mark.django_db(transaction=True)
def test_one_pass_runs_every_due_job_and_asks_the_worker_for_a_heartbeat() -> None:
    call_command("run_periodic", "--once", stdout=None)
    assert Heartbeat.objects.filter(name="periodic").exists()
    assert DBTaskResult.objects.filter(task_path="ops.tasks.worker_heartbeat").count() == 1
    ran = dict(PeriodicJob.objects.values_list("name", "last_ok"))
    assert ran["periods"] is True
    assert ran["ops_heartbeat"] is True

    call_command("run_periodic", "--once")  # nothing is due again yet: nothing more is queued
    assert DBTaskResult.objects.filter(task_path="ops.tasks.worker_heartbeat").count() == 1


# the worker closes its database connection when it ends: outside a test transaction, so it can
@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_recorded_and_the_others_still_run(monkeypatch: Any) -> None:
    jobs = [
        periodic.Job("no_such_command_anywhere", periodic.HOUR),
        periodic.Job("ops_heartbeat", periodic.MINUTE),
    ]
    ran = periodic.run_due(jobs)
    assert ran == [("no_such_command_anywhere", False), ("ops_heartbeat", True)]
    failed = PeriodicJob.objects.get(name="no_such_command_anywhere")
    assert failed.last_ok is False
    assert "Unknown command" in failed.last_output


@pytest.mark.django_db
def test_dry_run_lists_the_jobs_and_writes_nothing(capsys: Any) -> None:
    call_command("run_periodic", "--dry-run")
    out = capsys.readouterr().out
    assert "periods --close-reviews: every 1:00:00, due" in out
    assert not PeriodicJob.objects.exists()
    assert not Heartbeat.objects.exists()
    assert not DBTaskResult.objects.exists()
