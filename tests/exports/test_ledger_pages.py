"""王芳 uploads an edited 台账 in the browser: a preview first (nothing written), then the filing."""

import base64
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from audit.models import AuditEvent
from exports.ledger.workbook import column_of
from progress.models import ProgressReport

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 20)
NEW = "10月完成技改投资16亿元，进度达到80%。"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("progress.clock.today", lambda: TODAY)


def edited(data: bytes, seq: int, key: str, value: object) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == seq)
    ws.cell(row, column_of(key)).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_upload_is_previewed_then_filed(client, quarter):
    world = quarter.world
    client.force_login(world.wangfang)
    data = client.get(f"/plans/{world.plan.pk}/ledger.xlsx").content
    upload = SimpleUploadedFile("台账.xlsx", edited(data, 3, "progress", NEW))
    counts = (ProgressReport.objects.count(), AuditEvent.objects.count())
    page = client.post(f"/plans/{world.plan.pk}/ledger/import/", {"file": upload})
    html = page.content.decode()
    assert page.status_code == 200
    assert NEW in html
    assert "区工信局" in html
    assert (ProgressReport.objects.count(), AuditEvent.objects.count()) == counts
    payload = base64.b64encode(edited(data, 3, "progress", NEW)).decode()
    done = client.post(f"/plans/{world.plan.pk}/ledger/import/", {"data": payload})
    assert done.status_code == 302
    assert ProgressReport.objects.get(task=quarter.going, period=world.period("month", 10)).text == NEW


def test_a_liaison_gets_only_their_units_rows_and_cannot_file_another_units(client, quarter):
    world = quarter.world
    client.force_login(world.wangfang)
    full = client.get(f"/plans/{world.plan.pk}/ledger.xlsx").content
    client.force_login(world.liming)
    mine = openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{world.plan.pk}/ledger.xlsx").content))
    assert [r[0].value for r in mine.worksheets[0].iter_rows(min_row=3)] == [1]
    upload = SimpleUploadedFile("台账.xlsx", edited(full, 2, "percent", 40))
    page = client.post(f"/plans/{world.plan.pk}/ledger/import/", {"file": upload})
    assert "第4行（序号2，区教育局）" in page.content.decode()
    assert "File these changes" not in page.content.decode()
    assert "作为报告报送" not in page.content.decode()


def test_the_api_previews_with_dry_run_and_refuses_a_damaged_file(quarter):
    world = quarter.world
    api = APIClient()
    api.force_authenticate(world.wangfang)
    data = api.get(f"/api/v1/plans/{world.plan.pk}/ledger.xlsx").content
    dry = api.post(
        f"/api/v1/plans/{world.plan.pk}/ledger",
        {"file": SimpleUploadedFile("l.xlsx", edited(data, 3, "progress", NEW)), "dry_run": "1"},
        format="multipart",
    )
    assert dry.status_code == 200
    assert dry.json()["changes"][0]["cells"] == [
        {"column": "最新进展", "before": "完成技改投资14亿元。", "after": NEW}
    ]
    assert not ProgressReport.objects.filter(text=NEW).exists()
    bad = api.post(
        f"/api/v1/plans/{world.plan.pk}/ledger",
        {"file": SimpleUploadedFile("l.xlsx", b"PK-not-really")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert bad.json()["file"]
