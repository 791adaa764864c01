"""The administrator can look at reports in the admin but changes them only through the pages."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from progress.models import CalendarConfig, CoInput, HolidayYear, Period, ProgressReport
from tests.progress.factories import file

pytestmark = pytest.mark.django_db

MODELS = ["progressreport", "period", "calendarconfig", "holidayyear", "coinput"]


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", password="admin-pw-2026"))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_progress_records_without_an_add_button(admin_client, model):
    listing = admin_client.get(f"/admin/progress/{model}/")
    assert listing.status_code == 200
    assert f'href="/admin/progress/{model}/add/"' not in listing.content.decode()
    assert admin_client.get(f"/admin/progress/{model}/add/").status_code == 403
    assert admin_client.post(f"/admin/progress/{model}/add/", {}).status_code == 403


def test_a_filed_report_is_shown_but_cannot_be_changed_or_deleted(admin_client, world):
    report = file(world, world.period("month", 3))
    before = (report.text, report.percent, report.status, report.version)
    url = f"/admin/progress/progressreport/{report.pk}/"

    page = admin_client.get(f"{url}change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert report.text in html
    assert 'name="_save"' not in html
    listing = admin_client.get("/admin/progress/progressreport/").content.decode()
    assert 'value="delete_selected"' not in listing

    changed = admin_client.post(f"{url}change/", {"text": "篡改", "percent": "99", "status": "done"})
    assert changed.status_code == 403
    assert admin_client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    bulk = admin_client.post(
        "/admin/progress/progressreport/", {"action": "delete_selected", "_selected_action": [report.pk]}
    )
    assert ProgressReport.objects.filter(pk=report.pk).exists(), bulk.status_code
    report.refresh_from_db()
    assert (report.text, report.percent, report.status, report.version) == before
    assert report.versions.count() == 1


@pytest.mark.parametrize("model", [Period, CalendarConfig])
def test_periods_and_calendars_cannot_be_changed_or_deleted_in_the_admin(admin_client, world, model):
    if model is CalendarConfig:
        obj = CalendarConfig.objects.create(region=world.plan.region, plan=world.plan)
    else:
        obj = world.period("month", 3)
    url = f"/admin/progress/{model._meta.model_name}/{obj.pk}/"
    assert admin_client.get(f"{url}change/").status_code == 200
    assert admin_client.post(f"{url}change/", {}).status_code == 403
    assert admin_client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_holidays_and_co_input_cannot_be_deleted_in_the_admin(admin_client, world):
    holidays = HolidayYear.objects.create(region=world.plan.region, year=2026)
    co_input = CoInput.objects.create(
        task=world.task,
        period=world.period("month", 3),
        unit=world.gongxin,
        text="配合完成数据统计。",
        at=timezone.now(),
    )
    for obj in (holidays, co_input):
        url = f"/admin/progress/{obj._meta.model_name}/{obj.pk}/"
        assert admin_client.post(f"{url}change/", {}).status_code == 403
        assert admin_client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_admin_index_is_in_chinese(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "进展填报" in page  # the progress app
    assert "进展报告" in page  # its reports
    assert "分解表与任务" in page  # the targets app
    assert "Progress reports" not in page
