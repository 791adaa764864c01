"""Wang, a supervisor, changes things; every change leaves a chained trace that nobody can quietly edit."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditEvent
from audit.services import record, verify
from orgs.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def wang():
    return get_user_model().objects.create_user("wang", password="x-secret-1")


def _three_events(wang):
    region = Region.objects.create(name="泉港区")
    record(actor=wang, verb="region.create", obj=region, after={"name": "泉港区"})
    record(actor=wang, verb="region.rename", obj=region, before={"name": "泉港区"}, after={"name": "泉港"})
    record(actor=None, verb="scan.run", object_type="system", after={"ok": True})


def test_events_are_chained_and_verify(wang):
    before = AuditEvent.objects.count()  # creating wang's account is recorded too (orgs.account_audit)
    _three_events(wang)
    events = list(AuditEvent.objects.order_by("id"))[before:]
    assert [e.verb for e in events] == ["region.create", "region.rename", "scan.run"]
    assert events[1].prev_hash == events[0].hash
    assert events[0].actor_name == "wang"
    assert events[2].actor_name == "system"
    assert verify() == []
    call_command("audit_verify")


def test_an_edited_event_is_detected(wang):
    _three_events(wang)
    AuditEvent.objects.filter(verb="region.rename").update(after={"name": "别的名字"})
    problems = verify()
    assert any("edited" in p.message for p in problems)
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_a_deleted_event_is_detected(wang):
    _three_events(wang)
    AuditEvent.objects.filter(verb="region.rename").delete()
    assert any("link broken" in p.message for p in verify())


def test_deleting_the_newest_event_is_detected(wang):
    _three_events(wang)
    AuditEvent.objects.filter(verb="scan.run").delete()
    assert any("newest" in p.message for p in verify())
