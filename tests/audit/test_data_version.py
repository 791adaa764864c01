"""The data version (audit.services): a write inside a transaction that records an audit event is shown by
the event's id; a write without one is counted when its transaction commits, and not at all when it rolls
back. Real commits (transaction=True): a test's own transaction never commits."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import transaction

from audit.services import data_version_parts, objects_changed, record, written_since
from orgs.models import Region
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


class _Undo(Exception):
    pass


def test_a_service_write_moves_the_audit_id_and_not_the_local_count():
    newest, local = data_version_parts()
    started = time.monotonic()
    with transaction.atomic():
        region: Any = Region.objects.create(name="惠安县")
        record(actor=None, verb="region.created", obj=region)
    after, after_local = data_version_parts()
    assert after > newest
    assert after_local == local
    assert not written_since(started)
    assert objects_changed(newest, after, limit=10) == [("orgs.region", str(region.pk), "region.created")]


def test_a_write_without_an_event_counts_when_it_commits():
    _newest, local = data_version_parts()
    started = time.monotonic()
    with transaction.atomic():
        RegionFactory(name="南安市")
        assert data_version_parts()[1] == local  # not yet: it may still roll back
    assert data_version_parts()[1] == local + 1
    assert written_since(started)


@transaction.atomic
def _write_then_undo() -> None:
    RegionFactory(name="晋江市")
    raise _Undo


def test_a_rolled_back_write_is_not_counted():
    _newest, local = data_version_parts()
    started = time.monotonic()
    with pytest.raises(_Undo):
        _write_then_undo()
    assert data_version_parts()[1] == local
    assert not written_since(started)
    RegionFactory(name="石狮市")  # outside any transaction: counted at once
    assert data_version_parts()[1] == local + 1


def test_too_many_events_to_check_say_so():
    newest, _local = data_version_parts()
    for name in ("永春县", "德化县", "安溪县"):
        with transaction.atomic():
            record(actor=None, verb="region.created", obj=Region.objects.create(name=name))
    after, _local = data_version_parts()
    assert objects_changed(newest, after, limit=2) is None
    assert len(objects_changed(newest, after, limit=3) or []) == 3


def test_the_chain_is_named_by_its_first_event(monkeypatch):
    """The shared file cache outlives a process: its keys name the database's chain, so a restored backup or a
    fresh demo on the same machine never reads another database's entries."""
    from audit import services

    monkeypatch.setattr(services, "_chain_ids", {})
    assert services.chain_id() == "empty"
    with transaction.atomic():
        first = record(actor=None, verb="region.created", obj=Region.objects.create(name="泉州市"))
    assert services.chain_id() == first.hash[:16]
    with transaction.atomic():
        record(actor=None, verb="region.created", obj=Region.objects.create(name="厦门市"))
    assert services.chain_id() == first.hash[:16]  # the first event names it for good
