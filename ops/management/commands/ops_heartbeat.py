"""`manage.py ops_heartbeat`: ask the background worker for a sign of life (a task it runs at once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from ops.tasks import worker_heartbeat

TASK_PATH = f"{worker_heartbeat.func.__module__}.{worker_heartbeat.func.__qualname__}"


class Command(BaseCommand):
    help = (
        "Queue a heartbeat task for the background worker, unless one is already waiting; "
        "safe to run any number of times."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="say what would be queued, queue nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if DBTaskResult.objects.ready().filter(task_path=TASK_PATH).exists():
            self.stdout.write("a heartbeat is already waiting for the worker")
            return
        if options["dry_run"]:
            self.stdout.write("would queue a heartbeat for the worker")
            return
        worker_heartbeat.enqueue()
        self.stdout.write("queued a heartbeat for the worker")
