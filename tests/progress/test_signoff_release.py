"""发改局 switches its leader's sign-off off: the reports waiting for it go to the office at once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from audit.services import verify
from orgs.models import Unit
from progress import services
from progress.models import ProgressReport, ReportVersion
from tests.progress.factories import SUMMARY_120, file

pytestmark = pytest.mark.django_db
State = ProgressReport.State


@pytest.fixture
def waiting(world):
    Unit.objects.filter(pk=world.fagai.pk).update(requires_signoff=True)
    world.fagai.refresh_from_db()
    report = file(world, world.period("month", 3))
    assert report.state == State.PENDING_SIGNOFF
    return report


def test_wang_fang_switches_sign_off_off_and_the_waiting_report_reaches_her(world, waiting):
    released = services.set_signoff(unit=world.fagai, required=False, by=world.wangfang)
    assert [r.pk for r in released] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.state == State.FILED
    assert waiting.version == 2
    assert waiting.versions.order_by("-number").first().action == ReportVersion.Action.RELEASED
    assert AuditEvent.objects.get(verb="unit.signoff_set").after == {"requires_signoff": False}
    assert AuditEvent.objects.get(verb="progress.report_released").after["state"] == State.FILED
    assert not Unit.objects.get(pk=world.fagai.pk).requires_signoff
    assert verify() == []


def test_switching_it_off_in_the_admin_releases_them_too(client, world, waiting):
    admin = get_user_model().objects.create_superuser("admin", password="Admin-pass-2026")
    client.force_login(admin)
    unit = world.fagai
    response = client.post(
        f"/admin/orgs/unit/{unit.pk}/change/",
        {
            "region": unit.region_id,
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": unit.kind,
            "active": "on",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.state == State.FILED


def test_a_summary_the_calendar_says_needs_sign_off_keeps_waiting(world, waiting):
    """Only the unit's own switch goes off; the office's calendar rule for summaries still holds."""
    summary = file(world, world.period("half_year"), text=SUMMARY_120, percent=50)
    assert summary.state == State.PENDING_SIGNOFF
    released = services.set_signoff(unit=world.fagai, required=False, by=world.wangfang)
    assert [r.pk for r in released] == [waiting.pk]
    summary.refresh_from_db()
    assert summary.state == State.PENDING_SIGNOFF


@pytest.mark.parametrize("who", ["liming", "fagai_leader", "chenjing"])
def test_only_the_office_switches_it(world, waiting, who):
    with pytest.raises(PermissionDenied):
        services.set_signoff(unit=world.fagai, required=False, by=getattr(world, who))
    waiting.refresh_from_db()
    assert waiting.state == State.PENDING_SIGNOFF
