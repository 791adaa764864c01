"""Zhao, the audit administrator, trusts the trail because it is keyed: a database writer who edits, deletes
or reorders events is named by audit_verify, and without the key nothing verifies at all."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditChainHead, AuditEvent
from audit.services import event_hash, record, verify
from orgs.models import Region

pytestmark = pytest.mark.django_db


def _ten_events() -> list[AuditEvent]:
    region = Region.objects.create(name="泉港区")
    return [record(actor="王芳", verb=f"region.touch{i}", obj=region, after={"n": i}) for i in range(10)]


def test_the_chain_is_keyed_another_key_does_not_verify(settings):
    _ten_events()
    assert verify() == []
    settings.AUDIT_KEY = "another-key-entirely-0123456789"
    problems = verify()
    assert len([p for p in problems if "edited" in p.message]) == 10


def test_a_forger_without_the_key_cannot_recompute_the_hash(settings):
    events = _ten_events()
    sixth = events[5]
    AuditEvent.objects.filter(pk=sixth.pk).update(actor_name="别人")
    # the forger recomputes the hash the old, unkeyed way (SHA-256 of the content) and relinks the next event
    import hashlib

    forged = AuditEvent.objects.get(pk=sixth.pk)
    plain = hashlib.sha256(forged.prev_hash.encode()).hexdigest()
    AuditEvent.objects.filter(pk=sixth.pk).update(hash=plain)
    AuditEvent.objects.filter(pk=events[6].pk).update(prev_hash=plain)
    messages = [p.message for p in verify()]
    assert any(f"event {sixth.pk}" in m and "edited" in m and "别人" in m for m in messages)
    assert event_hash(forged) != plain


def test_an_edited_event_is_named():
    events = _ten_events()
    AuditEvent.objects.filter(pk=events[5].pk).update(verb="region.touch5改")
    (problem,) = verify()
    assert problem.event_id == events[5].pk
    assert problem.message.startswith(f"event {events[5].pk} (")
    assert problem.message.endswith("王芳 region.touch5改 泉港区): content was edited after it was recorded")


def test_a_deleted_event_is_named_by_its_neighbours():
    events = _ten_events()
    AuditEvent.objects.filter(pk=events[4].pk).delete()
    (problem,) = verify()
    assert problem.event_id == events[5].pk
    assert f"between event {events[3].pk} and this one was deleted" in problem.message


def test_reordered_events_are_named():
    events = _ten_events()
    a, b = events[2], events[3]
    # swap the two rows' places in the order (their ids), keeping their content and hashes
    AuditEvent.objects.filter(pk=a.pk).update(id=10_000)
    AuditEvent.objects.filter(pk=b.pk).update(id=a.pk)
    AuditEvent.objects.filter(pk=10_000).update(id=b.pk)
    problems = verify()
    reordered = [p for p in problems if "reordered" in p.message]
    assert {p.event_id for p in reordered} == {a.pk, b.pk}
    assert not [p for p in problems if "edited" in p.message]


def test_deleting_the_newest_events_is_caught_by_the_head():
    events = _ten_events()
    AuditEvent.objects.filter(pk__gte=events[8].pk).delete()
    (problem,) = verify()
    assert "newest events after event" in problem.message
    assert AuditChainHead.objects.get().last_hash == events[9].hash


def test_without_the_key_nothing_is_recorded_or_verified(settings):
    _ten_events()
    settings.AUDIT_KEY = ""
    with pytest.raises(CommandError, match="refusing to verify"):
        call_command("audit_verify")
    before = AuditEvent.objects.count()
    with pytest.raises(Exception, match="AUDIT_KEY"):
        record(actor="王芳", verb="region.touch", object_type="orgs.region")
    assert AuditEvent.objects.count() == before


def test_audit_verify_fails_on_an_edited_row(capsys):
    events = _ten_events()
    call_command("audit_verify")
    AuditEvent.objects.filter(pk=events[5].pk).update(object_repr="泉港区改")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("audit_verify")
    assert f"event {events[5].pk}" in capsys.readouterr().err


def test_the_head_is_anchored_once_a_day_in_an_append_only_file(settings, tmp_path, capsys):
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchor.log"
    events = _ten_events()
    call_command("audit_anchor", dry_run=True)
    assert not settings.AUDIT_ANCHOR_FILE.exists()
    call_command("audit_anchor")
    call_command("audit_anchor")  # the same day: nothing more
    lines = settings.AUDIT_ANCHOR_FILE.read_text().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(f" {events[9].pk} {events[9].hash}")
    call_command("audit_verify")
    # someone rewrites the newest event and the head together: the anchor outside the database still knows
    AuditEvent.objects.filter(pk=events[9].pk).update(hash="f" * 64)
    AuditChainHead.objects.update(last_hash="f" * 64)
    with pytest.raises(CommandError):
        call_command("audit_verify")
    assert "anchored event" in capsys.readouterr().err


def test_the_anchor_is_mailed_when_asked(settings, tmp_path, mailoutbox):
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchor.log"
    settings.AUDIT_ANCHOR_MAIL_TO = ["audit@example.gov.cn"]
    events = _ten_events()
    call_command("audit_anchor")
    (mail,) = mailoutbox
    assert events[9].hash in mail.body
    assert mail.to == ["audit@example.gov.cn"]


def _legacy_chain(n: int) -> list[AuditEvent]:
    """Events as the unkeyed chain wrote them before this release."""
    from audit.services import GENESIS, legacy_hash

    prev, events = GENESIS, []
    for i in range(n):
        event = AuditEvent(actor_name="王芳", verb=f"old.event{i}", object_type="orgs.region", prev_hash=prev)
        event.hash = legacy_hash(event)
        event.save()
        prev = event.hash
        events.append(event)
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_hash": prev})
    return events


def test_an_intact_unkeyed_chain_is_rekeyed():
    _legacy_chain(4)
    assert verify() != []
    call_command("audit_rekey", dry_run=True)
    assert verify() != []
    call_command("audit_rekey")
    assert verify() == []
    assert AuditEvent.objects.last().verb == "audit.rekeyed"


def test_a_broken_unkeyed_chain_is_not_laundered():
    events = _legacy_chain(4)
    AuditEvent.objects.filter(pk=events[1].pk).update(verb="old.event改")
    with pytest.raises(CommandError, match=f"event {events[1].pk}"):
        call_command("audit_rekey")
    assert AuditEvent.objects.get(pk=events[2].pk).hash == events[2].hash
