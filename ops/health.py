"""/healthz for the load balancer and the operator: the database answers and the background worker is alive."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops.models import Heartbeat
from ops.periodic import PERIODIC
from ops.tasks import WORKER


def max_heartbeat_age() -> timedelta:
    """A worker silent for longer than this is down (the loop asks for a heartbeat every minute)."""
    return timedelta(seconds=int(os.environ.get("HEALTH_HEARTBEAT_MAX_AGE", "300")))


def _beat(at: datetime | None, *, now: datetime, limit: timedelta) -> dict[str, Any]:
    if at is None:
        return {"ok": False, "last": None, "age_s": None}
    age = (now - at).total_seconds()
    return {"ok": age <= limit.total_seconds(), "last": at.isoformat(), "age_s": round(age, 1)}


def health(*, now: datetime) -> dict[str, Any]:
    """The state of the database, the background worker and the periodic loop (reads only)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        beats = dict(Heartbeat.objects.filter(name__in=[WORKER, PERIODIC]).values_list("name", "at"))
    except DatabaseError as exc:
        return {"ok": False, "database": {"ok": False, "error": type(exc).__name__}}
    limit = max_heartbeat_age()
    worker = _beat(beats.get(WORKER), now=now, limit=limit)
    loop = _beat(beats.get(PERIODIC), now=now, limit=limit)
    return {"ok": worker["ok"], "database": {"ok": True}, "worker": worker, "periodic": loop}


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    state = health(now=timezone.now())
    return JsonResponse(state, status=200 if state["ok"] else 503)
