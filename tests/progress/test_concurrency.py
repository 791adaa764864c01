"""Two people save the same report at once: one succeeds, the other is told and sees the newer version."""

import pytest
from django.test import Client

from orgs.models import Role
from progress import services
from progress.models import ProgressReport
from progress.services import ReportChanged
from tests.factories import member
from tests.progress.factories import file

pytestmark = pytest.mark.django_db


@pytest.fixture
def lina(world):
    """李娜, 发改局's second liaison."""
    return member("lina", Role.LIAISON, region=world.plan.region, unit=world.fagai)


def post(client, world, period, text, version):
    return client.post(
        f"/tasks/{world.task.pk}/periods/{period.pk}/report/",
        {"status": "on_track", "percent": "30", "text": text, "version": version},
    )


def test_the_second_save_is_refused_shown_the_newer_version_and_keeps_what_was_typed(world, lina, today):
    march = world.period("month", 3)
    file(world, march, text="初稿")
    liming, lina_client = Client(), Client()
    liming.force_login(world.liming)
    lina_client.force_login(lina)
    # Both open the form at version 1.
    assert (
        'name="version" value="1"'
        in liming.get(f"/tasks/{world.task.pk}/periods/{march.pk}/report/").content.decode()
    )
    assert post(liming, world, march, "李明的修改", "1").status_code == 302
    response = post(lina_client, world, march, "李娜的修改", "1")

    assert response.status_code == 200
    html = response.content.decode()
    assert "您编辑期间，此报告已被他人修改" in html
    assert "李明的修改" in html  # the newer version is shown
    assert "李娜的修改" in html  # and what she typed is still in the form
    assert 'name="version" value="2"' in html
    report = ProgressReport.objects.get()
    assert (report.text, report.version) == ("李明的修改", 2)

    # She merges and files again, knowingly, on top of version 2: nothing was lost on the way.
    assert post(lina_client, world, march, "李明的修改；李娜补充", "2").status_code == 302
    report.refresh_from_db()
    assert list(report.versions.values_list("text", flat=True)) == [
        "初稿",
        "李明的修改",
        "李明的修改；李娜补充",
    ]


def test_two_first_reports_at_once_one_wins_the_other_is_told(world, lina, today):
    march = world.period("month", 3)
    liming, lina_client = Client(), Client()
    liming.force_login(world.liming)
    lina_client.force_login(lina)
    assert post(liming, world, march, "李明先报", "").status_code == 302
    html = post(lina_client, world, march, "李娜也报", "").content.decode()
    assert "您编辑期间，此报告已被他人修改" in html
    assert "李明先报" in html
    assert "李娜也报" in html
    assert ProgressReport.objects.get().text == "李明先报"


def test_the_update_is_conditional_on_the_version_in_the_database(world):
    """Even if the check in Python passed, the UPDATE … WHERE version = n finds nothing to change."""
    report = file(world, world.period("month", 3))
    stale = ProgressReport.objects.get(pk=report.pk)
    ProgressReport.objects.filter(pk=report.pk).update(version=7)  # someone else's save lands first
    with pytest.raises(ReportChanged) as e:
        services._conditional_update(stale, expected=1, text="覆盖？")
    assert e.value.current.version == 7
    assert ProgressReport.objects.get(pk=report.pk).text != "覆盖？"


def test_the_office_cannot_accept_a_version_it_did_not_read(client, world, today):
    report = file(world, world.period("month", 3), text="第一版")
    file(world, world.period("month", 3), text="第二版", version=1)
    client.force_login(world.wangfang)
    response = client.post(f"/reports/{report.pk}/accept/", {"version": "1"}, follow=True)
    assert "您查看期间单位修改了此报告" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "filed"


def test_the_api_answers_409_with_the_current_version(client, world):
    file(world, world.period("month", 3), text="李明的版本")
    client.force_login(world.liming)
    response = client.post(
        f"/api/v1/tasks/{world.task.pk}/reports",
        {
            "period_id": world.period("month", 3).pk,
            "status": "at_risk",
            "percent": 10,
            "text": "旧的",
            "version": 0,
        },
        content_type="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert "已被他人修改" in body["detail"]
    assert body["current"]["text"] == "李明的版本"
    assert body["current"]["version"] == 1
