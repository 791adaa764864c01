"""When the machine fails, not the person: a filing is all or nothing, an unreachable database and a full
disk are explained in Chinese (never a traceback), and nothing half-written stays behind."""

from __future__ import annotations

import errno
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from progress import reports as services
from progress.models import Evidence, IndicatorReading, ProgressReport, ReportVersion
from tests.operations.support import PNG
from tests.progress.factories import World, build_world


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def _file_november(world: World) -> ProgressReport:
    return services.file_report(
        task=world.task,
        unit=world.fagai,
        period=world.period("month", 11),
        by=world.liming,
        status="on_track",
        percent=60,
        text="十一月完成项目现场调研两次。",
        readings={world.indicator.pk: (5.6, "")},
        evidence=[SimpleUploadedFile("现场照片.png", PNG)],
    )


def test_a_filing_that_dies_after_its_first_writes_leaves_no_trace(world: World, monkeypatch: Any) -> None:
    """李明's report, reading, photo and version are written; the audit record then fails: none stays."""
    events = AuditEvent.objects.count()

    def audit_fails(**kwargs: Any) -> None:
        assert ProgressReport.objects.filter(unit=world.fagai).exists()  # the first writes did happen
        raise RuntimeError("the worker died here")

    monkeypatch.setattr(services, "record", audit_fails)
    with pytest.raises(RuntimeError):
        _file_november(world)
    assert not ProgressReport.objects.exists()
    assert not IndicatorReading.objects.exists()
    assert not Evidence.objects.exists()
    assert not ReportVersion.objects.exists()
    assert AuditEvent.objects.count() == events

    monkeypatch.undo()
    report = _file_november(world)  # and he can file it again, whole
    assert (report.version, report.readings.count(), report.evidence.count()) == (1, 1, 1)


def test_a_full_disk_while_saving_a_photo_is_explained_and_saves_nothing(
    world: World, monkeypatch: Any
) -> None:
    def disk_full(*args: Any, **kwargs: Any) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.FileSystemStorage._save", disk_full)
    client = Client()
    client.force_login(world.liming)
    url = reverse("progress:report_form", args=[world.task.pk, world.period("month", 11).pk])
    response = client.post(
        url,
        {
            "status": "on_track",
            "percent": "60",
            "text": "十一月完成项目现场调研两次。",
            "evidence": SimpleUploadedFile("现场照片.png", PNG),
        },
        headers={"accept-language": "zh-hans"},
    )
    assert response.status_code == 507
    page = response.content.decode()
    assert "服务器磁盘已满" in page
    assert "未保存" in page
    assert "Traceback" not in page
    assert not ProgressReport.objects.exists()


def test_the_api_says_in_chinese_that_the_database_is_away(world: World, monkeypatch: Any) -> None:
    def database_gone(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr("api.progress.due_rendered", database_gone)
    client = Client()
    client.force_login(world.liming)
    response = client.get("/api/v1/me/due", headers={"accept-language": "zh-hans"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "数据库暂时没有响应" in response.json()["detail"]


def test_a_database_failure_inside_a_middleware_also_gets_the_clear_page(
    world: World, monkeypatch: Any
) -> None:
    def database_gone(self: Any, request: Any) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.middleware.common.CommonMiddleware.process_request", database_gone)
    client = Client(raise_request_exception=False)
    response = client.get("/due/", headers={"accept-language": "zh-hans"})
    assert response.status_code == 503
    assert "暂时无法使用" in response.content.decode()


def test_other_errors_stay_errors(world: World, monkeypatch: Any) -> None:
    def bug(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("a bug, not the machine")

    monkeypatch.setattr("api.progress.due_rendered", bug)
    client = Client(raise_request_exception=False)
    client.force_login(world.liming)
    assert client.get("/api/v1/me/due").status_code == 500
