"""Background tasks of operations: the worker proves it runs by executing a heartbeat."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from ops.models import Heartbeat

WORKER = "worker"


@task()
def worker_heartbeat() -> str:
    """Run by the background worker (db_worker): records that it picked up and ran a task just now."""
    now = timezone.now()
    Heartbeat.objects.update_or_create(name=WORKER, defaults={"at": now, "detail": "db_worker"})
    return now.isoformat()
