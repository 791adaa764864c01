"""/healthz for the load balancer: 200 only when the database answers and the background worker has run a
heartbeat task lately; it reads and never writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ops.models import Heartbeat


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.mark.django_db
def test_no_worker_heartbeat_yet_is_unhealthy(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"ok": True}
    assert body["worker"]["ok"] is False
    assert body["worker"]["last"] is None


# the worker closes its database connection when it ends: outside a test transaction, so it can
@pytest.mark.django_db(transaction=True)
def test_a_worker_that_ran_its_heartbeat_task_is_healthy(
    client: Client, django_assert_num_queries: Any
) -> None:
    call_command("ops_heartbeat")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)  # the real worker
    with django_assert_num_queries(2):  # SELECT 1, the heartbeats: and no write
        response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["worker"]["ok"] is True


@pytest.mark.django_db
def test_a_silent_worker_turns_the_health_check_red(client: Client, monkeypatch: Any) -> None:
    monkeypatch.setenv("HEALTH_HEARTBEAT_MAX_AGE", "300")
    Heartbeat.objects.create(name="worker", at=timezone.now() - dt.timedelta(minutes=6))
    assert client.get("/healthz").status_code == 503
    Heartbeat.objects.filter(name="worker").update(at=timezone.now() - dt.timedelta(minutes=4))
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_queueing_the_heartbeat_twice_queues_it_once() -> None:
    from django_tasks_db.models import DBTaskResult

    call_command("ops_heartbeat")
    call_command("ops_heartbeat")
    assert DBTaskResult.objects.count() == 1
    call_command("ops_heartbeat", "--dry-run")
    assert DBTaskResult.objects.count() == 1
