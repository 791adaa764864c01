"""`manage.py run_periodic`: run duban's periodic commands, in a loop (a service) or once (a timer)."""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from ops import periodic

log = logging.getLogger("ops.periodic")


class Command(BaseCommand):
    help = (
        "Run the periodic commands that exist (periods, supervise, remind, send_outbox, purge…) when due; "
        "each is claimed first, so several loops at once never start the same job twice."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="one pass over the due jobs, then exit")
        parser.add_argument("--interval", type=float, default=20.0, help="seconds between passes")
        parser.add_argument("--dry-run", action="store_true", help="list the jobs that are due, run nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = periodic.available_jobs()
        if options["dry_run"]:
            due = {job.command for job in periodic.due_jobs(jobs, now=timezone.now())}
            for job in jobs:
                state = "due" if job.command in due else "not due"
                self.stdout.write(
                    f"{job.command} {' '.join(job.args)}".rstrip() + f": every {job.every}, {state}"
                )
            return
        stop = {"now": False}

        def _stop(signum: int, frame: FrameType | None) -> None:
            stop["now"] = True

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        while True:
            try:
                for name, ok in periodic.run_due(jobs):
                    self.stdout.write(f"{name}: {'ok' if ok else 'FAILED'}")
            except DatabaseError as exc:  # the database restarts: say so, try again next pass
                log.warning("periodic pass failed: database unavailable", extra={"error": str(exc)})
                close_old_connections()
            if options["once"] or stop["now"]:
                return
            slept = 0.0
            while slept < options["interval"] and not stop["now"]:
                time.sleep(0.5)
                slept += 0.5
            if stop["now"]:
                return
