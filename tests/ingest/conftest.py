from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orgs.models import Role
from tests.factories import RegionFactory, member
from tests.ingest.gold import seed_path

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media_and_tasks(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def quangang(db: Any) -> Any:
    return RegionFactory(name="泉港区")


@pytest.fixture
def licheng(db: Any) -> Any:
    return RegionFactory(name="鲤城区")


@pytest.fixture
def wang_fang(quangang: Any) -> Any:
    """王芳, the supervision office of 泉港区."""
    user = member("wangfang", Role.SUPERVISOR, region=quangang)
    user.first_name = "王芳"
    user.save()
    return user


@pytest.fixture
def chen_jing(licheng: Any) -> Any:
    """陈静, the supervision office of 鲤城区."""
    user = member("chenjing", Role.SUPERVISOR, region=licheng)
    user.first_name = "陈静"
    user.save()
    return user


def seed_upload(stem: str, *, name: str | None = None, content: bytes | None = None) -> SimpleUploadedFile:
    data = content if content is not None else seed_path(stem).read_bytes()
    return SimpleUploadedFile(name or f"{stem}.txt", data, content_type="text/plain")
