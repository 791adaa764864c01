"""The administrator can look at reports in the admin but changes them only through the pages."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

MODELS = ["progressreport", "period", "calendarconfig", "holidayyear", "coinput"]


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_progress_records_read_only(client, model):
    admin = get_user_model().objects.create_superuser("admin", password="admin-pw-2026")
    client.force_login(admin)
    listing = client.get(f"/admin/progress/{model}/")
    assert listing.status_code == 200
    assert client.get(f"/admin/progress/{model}/add/").status_code == 403


def test_the_admin_index_is_in_chinese(client):
    client.force_login(get_user_model().objects.create_superuser("admin", password="admin-pw-2026"))
    page = client.get("/admin/").content.decode()
    assert "进展报告" in page or "报告" in page
    assert "分解表" in page or "计划" in page
