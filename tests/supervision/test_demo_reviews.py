"""The demo's office reviews what came in before a period's review closes (supervision.demo_year), so that on
the deadline day 李明, whose last report was accepted, may confirm "no change" — as in a running district."""

import datetime as dt

import pytest

from audit.models import AuditEvent
from progress.models import ProgressReport
from supervision.demo_year import review_before_closing
from tests.progress.factories import file

pytestmark = pytest.mark.django_db


def test_the_office_accepts_what_waits_in_a_closing_review_and_leaves_open_reviews_alone(world):
    january, march = world.period("month", 1), world.period("month", 3)
    early, late = file(world, january, text="一月推进中"), file(world, march, text="三月推进中")
    today = january.lock_date + dt.timedelta(days=1)  # January's review closes; March's is open
    assert march.lock_date >= today

    assert review_before_closing(today=today) == 1

    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.state, early.reviewed_by) == (ProgressReport.State.ACCEPTED, world.wangfang)
    assert late.state == ProgressReport.State.FILED
    assert AuditEvent.objects.filter(object_id=str(early.pk), verb__contains="accept").exists()
    assert review_before_closing(today=today) == 0  # run again: nothing waits any more


def test_the_demo_offers_no_change_where_the_last_report_was_accepted(client, world, today):
    january = world.period("month", 1)
    file(world, january, text="一月推进中")
    today(world.period("month", 2).end + dt.timedelta(days=1))
    review_before_closing(today=january.lock_date + dt.timedelta(days=1))

    client.force_login(world.liming)
    page = client.get("/due/").content.decode()
    assert f'action="/tasks/{world.task.pk}/periods/{world.period("month", 2).pk}/no-change/"' in page
