"""Limits: 李明 cannot pile up evidence on one report, an oversized API request is refused with a JSON 413,
and uploaded tables do not stay on disk forever."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from ingest.models import ImportBatch
from progress.models import Evidence
from progress.services import ReportInvalid
from tests.progress.factories import build_world, file

PDF = b"%PDF-1.4 " + b"x" * 1000


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def _pdfs(n: int, size: int = len(PDF)) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"材料{i}.pdf", PDF[:size]) for i in range(n)]


def test_too_many_evidence_files_are_refused_and_nothing_is_kept(world, settings):
    settings.EVIDENCE_MAX_FILES = 3
    period = world.period("month", 3)
    with pytest.raises(ReportInvalid) as caught:
        file(world, period, evidence=_pdfs(4))
    assert "3" in str(caught.value.errors["evidence"][0])
    assert not Evidence.objects.exists()
    report = file(world, period, evidence=_pdfs(3))
    assert report.evidence.count() == 3
    with pytest.raises(ReportInvalid):
        file(world, period, evidence=_pdfs(1), version=report.version)
    assert Evidence.objects.count() == 3


def test_evidence_over_the_total_size_is_refused(world, settings):
    settings.EVIDENCE_MAX_TOTAL_BYTES = 2500
    with pytest.raises(ReportInvalid) as caught:
        file(world, world.period("month", 3), evidence=_pdfs(3))
    assert "MB" in str(caught.value.errors["evidence"][0])
    assert file(world, world.period("month", 3), evidence=_pdfs(2)).evidence.count() == 2


@pytest.mark.django_db
def test_an_oversized_api_request_gets_a_json_413(settings):
    settings.API_MAX_BODY_BYTES = 1000
    response = Client().post("/api/v1/auth/token", data="x" * 1001, content_type="application/json")
    assert response.status_code == 413
    assert "过大" in response.json()["detail"]
    small = Client().post("/api/v1/auth/token", data="{}", content_type="application/json")
    assert small.status_code == 400


@pytest.fixture
def batches(world):
    old = ImportBatch.objects.create(
        region=world.plan.region, original_name="旧表.docx", status=ImportBatch.Status.CONFIRMED
    )
    old.file.save("old.docx", ContentFile(b"PK old"), save=True)
    recent = ImportBatch.objects.create(
        region=world.plan.region, original_name="新表.docx", status=ImportBatch.Status.CONFIRMED
    )
    recent.file.save("new.docx", ContentFile(b"PK new"), save=True)
    waiting = ImportBatch.objects.create(
        region=world.plan.region, original_name="待读.docx", status=ImportBatch.Status.PARSED
    )
    waiting.file.save("wait.docx", ContentFile(b"PK wait"), save=True)
    long_ago = timezone.now() - datetime.timedelta(days=91)
    ImportBatch.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=long_ago)
    return old, recent, waiting


def test_uploads_past_the_retention_period_are_purged(batches, settings):
    settings.UPLOAD_RETENTION_DAYS = 90
    old, recent, waiting = batches
    path = old.file.path
    call_command("purge_uploads", dry_run=True)
    old.refresh_from_db()
    assert old.file.name
    assert old.file.storage.exists(old.file.name)
    call_command("purge_uploads")
    call_command("purge_uploads")  # idempotent
    old.refresh_from_db()
    recent.refresh_from_db()
    waiting.refresh_from_db()
    assert old.file.name == ""
    assert not old.file.storage.exists(path.rsplit("/media/", 1)[-1])
    assert recent.file.storage.exists(recent.file.name)
    assert waiting.file.storage.exists(waiting.file.name)  # still in review: kept
    assert AuditEvent.objects.filter(verb="ingest.upload_purged").count() == 1
