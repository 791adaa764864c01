"""Every page and API endpoint of the reporting loop, walked by every role; the exact status each gets.

404: not yours (another region, an unrelated unit). 403: yours to read but not to do (an observer or a
co-unit filing, a liaison accepting). Anonymous: pages send to the login page (302), the API says 401.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from progress.models import ProgressReport
from tests.progress.factories import World, file

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "wangfang",  # supervisor of 泉港区
    "chenjing",  # supervisor of 鲤城区
    "liming",  # liaison of the lead unit
    "fagai_leader",  # unit leader of the lead unit
    "zhaoqiang",  # liaison of the co-unit
    "gongxin_leader",  # unit leader of the co-unit
    "jiaoyu_liaison",  # liaison of an unrelated unit
    "jiaoyu_leader",  # unit leader of an unrelated unit
    "zengguozhi",  # district leader in charge of the task
    "zhoumin",  # observer of 泉港区
]


@dataclass
class Objects:
    world: World
    filed: ProgressReport  # March, waiting for review
    pending: ProgressReport  # February, waiting for sign-off
    evidence_id: int


@pytest.fixture
def objects(world, today) -> Objects:
    filed = file(world, world.period("month", 3), evidence=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")])
    pending = file(world, world.period("month", 2))
    ProgressReport.objects.filter(pk=pending.pk).update(state="pending_signoff")
    return Objects(world, filed, pending, filed.evidence.get().pk)


def _(statuses: str) -> dict[str, int]:
    """One row of the table: a status per role, in the order of ROLES."""
    codes = [int(c) for c in statuses.split()]
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))


#                 anon sup  sup2 liai lead co   co-l unr  unr-l dist obs
READ_TASK = _("302  200  404  200  200  200  200  404  404  200  200")
FILE = _("302  403  404  302  403  403  403  404  404  403  403")
SUPERVISE = _("302  302  404  403  403  403  403  404  404  403  403")
API_READ = _("401  200  404  200  200  200  200  404  404  200  200")
API_SUPERVISE = _("401  200  404  403  403  403  403  404  404  403  403")

ENDPOINTS: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/due/", None, _("302 200 200 200 200 200 200 200 200 200 200")),
    ("GET", "/review/", None, _("302 200 200 403 403 403 403 403 403 403 403")),
    ("GET", "/tasks/{task}/periods/{march}/report/", None, _("302 403 404 200 403 403 403 404 404 403 403")),
    (
        "POST",
        "/tasks/{task}/periods/{march}/report/",
        {"status": "on_track", "percent": "30", "text": "新版本", "version": "1"},
        FILE,
    ),
    ("POST", "/tasks/{task}/periods/{april}/no-change/", {}, FILE),
    (
        "GET",
        "/tasks/{task}/periods/{march}/co-input/",
        None,
        _("302 403 404 403 403 200 403 404 404 403 403"),
    ),
    (
        "POST",
        "/tasks/{task}/periods/{march}/co-input/",
        {"text": "协办情况"},
        _("302 403 404 403 403 302 403 404 404 403 403"),
    ),
    ("GET", "/tasks/{task}/timeline/", None, READ_TASK),
    ("GET", "/reports/{filed}/", None, READ_TASK),
    ("GET", "/evidence/{evidence}/", None, READ_TASK),
    (
        "POST",
        "/reports/{pending}/sign-off/",
        {"version": "1"},
        _("302 403 404 403 302 403 403 404 404 403 403"),
    ),
    ("POST", "/reports/{filed}/accept/", {"version": "1"}, SUPERVISE),
    ("POST", "/reports/{filed}/return/", {"comment": "请补充", "version": "1"}, SUPERVISE),
    ("POST", "/periods/{march}/close/", {}, SUPERVISE),
    ("GET", "/plans/{plan}/calendar/", None, READ_TASK),
    (
        "POST",
        "/plans/{plan}/calendar/",
        {
            "routine": "month",
            "routine_due_working_day": "4",
            "lock_after_working_days": "5",
            "half_year_due_month": "6",
            "half_year_due_day": "17",
            "annual_due_month": "12",
            "annual_due_day": "15",
        },
        SUPERVISE,
    ),
    ("POST", "/plans/{plan}/calendar/holidays/", {"year": "2027", "holidays": "2027-01-01"}, SUPERVISE),
    ("GET", "/api/v1/me/due", None, _("401 200 200 200 200 200 200 200 200 200 200")),
    (
        "POST",
        "/api/v1/tasks/{task}/reports",
        {"period_id": "{march}", "status": "on_track", "percent": 30, "text": "新版本", "version": 1},
        _("401 403 404 200 403 403 403 404 404 403 403"),
    ),
    ("GET", "/api/v1/reports/{filed}", None, API_READ),
    ("POST", "/api/v1/reports/{filed}/accept", {"version": 1}, API_SUPERVISE),
    ("POST", "/api/v1/reports/{filed}/return", {"comment": "请补充", "version": 1}, API_SUPERVISE),
    (
        "POST",
        "/api/v1/reports/{pending}/sign-off",
        {"version": 1},
        _("401 403 404 403 200 403 403 404 404 403 403"),
    ),
    (
        "POST",
        "/api/v1/tasks/{task}/co-input",
        {"period_id": "{march}", "text": "协办情况"},
        _("401 403 404 403 403 201 403 404 404 403 403"),
    ),
    (
        "POST",
        "/api/v1/tasks/{task}/no-change",
        {"period_id": "{april}"},
        # 李明 may (400, not 403): April is not over and March not accepted yet, so it is refused as such
        _("401 403 404 400 403 403 403 404 404 403 403"),
    ),
]


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str):
        for key, pk in ids.items():
            if value == "{" + key + "}":
                return pk
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "url", "data", "expected"), ENDPOINTS, ids=[f"{m} {u}" for m, u, _d, _e in ENDPOINTS]
)
def test_every_role_gets_exactly_the_expected_status(
    objects: Objects, method: str, url: str, data: Any, expected: dict[str, int]
) -> None:
    w = objects.world
    ids = {
        "task": w.task.pk,
        "march": w.period("month", 3).pk,
        "april": w.period("month", 4).pk,
        "plan": w.plan.pk,
        "filed": objects.filed.pk,
        "pending": objects.pending.pk,
        "evidence": objects.evidence_id,
    }
    path = _fill(url, ids)
    body = _fill(data, ids)
    got: dict[str, int] = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(w, role))
        # Each role acts on the same starting state: whatever an allowed role changes is rolled back.
        with transaction.atomic():
            if method == "GET":
                response = client.get(path)
            elif path.startswith("/api/"):
                response = client.post(path, body, content_type="application/json")
            else:
                response = client.post(path, body)
            got[role] = response.status_code
            transaction.set_rollback(True)
    assert got == expected


def test_the_allowed_posts_really_happened(objects):
    """The 302s above are successes, not errors sent back to the form: check one of each kind."""
    w = objects.world
    client = Client()
    client.force_login(w.liming)
    response = client.post(
        f"/tasks/{w.task.pk}/periods/{w.period('month', 3).pk}/report/",
        {"status": "on_track", "percent": "30", "text": "新版本", "version": "1"},
    )
    assert response["Location"] == "/due/"
    client.force_login(w.fagai_leader)
    client.post(f"/reports/{objects.pending.pk}/sign-off/", {"version": "1"})
    objects.pending.refresh_from_db()
    assert objects.pending.state == "filed"


def test_anonymous_pages_send_to_login(client, objects):
    response = client.get("/due/")
    assert response["Location"].startswith("/login/")


def test_access_helpers_say_404_and_403_in_one_place(objects):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from progress.access import Action, access_report

    w = objects.world
    assert access_report(w.zhoumin, objects.filed.pk, for_action=Action.READ) == objects.filed
    with pytest.raises(PermissionDenied):
        access_report(w.zhoumin, objects.filed.pk, for_action=Action.REVIEW)
    with pytest.raises(PermissionDenied):
        access_report(w.zhaoqiang, objects.filed.pk, for_action=Action.FILE)
    with pytest.raises(PermissionDenied):
        access_report(w.liming, objects.filed.pk, for_action=Action.REVIEW)
    with pytest.raises(Http404):
        access_report(w.chenjing, objects.filed.pk, for_action=Action.READ)
    with pytest.raises(Http404):
        access_report(w.jiaoyu_liaison, objects.filed.pk, for_action=Action.READ)
