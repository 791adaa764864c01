"""The periodic work of a running duban, run by `manage.py run_periodic` (a loop, or once from a timer).

Jobs are found by command name with `get_commands()`, so a command another app adds later (supervise,
remind, send_outbox, purge…) is run as soon as it exists. Each job is claimed with a conditional UPDATE of
its `next_run_at`: two loops running at once never start the same job twice in one period, and each
command is itself idempotent, so a second run would change nothing anyway.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management import call_command, get_commands
from django.db import close_old_connections
from django.utils import timezone

from ops.models import Heartbeat, PeriodicJob

log = logging.getLogger("ops.periodic")
PERIODIC = "periodic"
OUTPUT_LIMIT = 4000


@dataclass(frozen=True)
class Job:
    command: str
    every: timedelta
    args: tuple[str, ...] = ()


MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# Known periodic commands, in the order they run; those not (yet) in the code are skipped.
CATALOGUE: tuple[Job, ...] = (
    Job("ops_heartbeat", MINUTE),
    Job("periods", HOUR, ("--close-reviews",)),
    Job("supervise", HOUR),
    Job("remind", 15 * MINUTE),
    Job("send_outbox", MINUTE),
    Job("purge", DAY),
    Job("clearsessions", DAY),
    Job("prune_db_task_results", DAY),
)
# Any other command named purge_<something> (an app's own clean-up) runs daily too.
PURGE_PREFIX = "purge_"


def available_jobs(commands: dict[str, str] | None = None) -> list[Job]:
    """The catalogue's jobs whose command exists, then every purge_* command."""
    names = commands if commands is not None else get_commands()
    jobs = [job for job in CATALOGUE if job.command in names]
    known = {job.command for job in CATALOGUE}
    jobs += [Job(n, DAY) for n in sorted(names) if n.startswith(PURGE_PREFIX) and n not in known]
    return jobs


def claim(job: Job, *, now: datetime) -> bool:
    """Take this period's run of the job; False when it is not due or another process took it."""
    PeriodicJob.objects.get_or_create(name=job.command, defaults={"next_run_at": now})
    claimed = PeriodicJob.objects.filter(name=job.command, next_run_at__lte=now).update(
        next_run_at=now + job.every, last_started_at=now
    )
    return claimed == 1


def due_jobs(jobs: list[Job], *, now: datetime) -> list[Job]:
    """Jobs due at `now` (reads only: for --dry-run)."""
    next_at = dict(PeriodicJob.objects.values_list("name", "next_run_at"))
    return [job for job in jobs if next_at.get(job.command) is None or next_at[job.command] <= now]


def run_job(job: Job) -> bool:
    """Run one command in this process; its output and outcome are kept on the job's row and logged."""
    out = io.StringIO()
    started = time.monotonic()
    ok = True
    try:
        call_command(job.command, *job.args, stdout=out, stderr=out)
    except Exception as exc:  # one failing job must not stop the others
        ok = False
        out.write(f"{type(exc).__name__}: {exc}")
        log.exception("periodic job failed", extra={"job": job.command})
    seconds = round(time.monotonic() - started, 3)
    PeriodicJob.objects.filter(name=job.command).update(
        last_finished_at=timezone.now(), last_ok=ok, last_output=out.getvalue()[-OUTPUT_LIMIT:]
    )
    log.info("periodic job ran", extra={"job": job.command, "ok": ok, "seconds": seconds})
    return ok


def beat() -> None:
    Heartbeat.objects.update_or_create(
        name=PERIODIC, defaults={"at": timezone.now(), "detail": "run_periodic"}
    )


def run_due(jobs: list[Job], *, now: Callable[[], datetime] = timezone.now) -> list[tuple[str, bool]]:
    """One pass: the loop's heartbeat, then every due job this process manages to claim."""
    beat()
    ran: list[tuple[str, bool]] = []
    for job in jobs:
        if claim(job, now=now()):
            ran.append((job.command, run_job(job)))
        close_old_connections()
    return ran
