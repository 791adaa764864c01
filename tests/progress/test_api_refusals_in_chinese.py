"""An API client is told "not found" and "not allowed" in Chinese, never the access helpers' English notes
for developers (api.errors): 李明 asks for a task of 鲤城区 and tries to close 泉港区's plan."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.progress.factories import World

pytestmark = pytest.mark.django_db


def test_a_task_he_may_not_read_is_not_found_in_chinese(world: World, api: APIClient) -> None:
    response = api.get("/api/v1/tasks/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_closing_the_plan_is_refused_in_chinese(world: World, api: APIClient) -> None:
    response = api.post(f"/api/v1/plans/{world.plan.pk}/close", {}, format="json")
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "权限" in detail
    assert "office" not in detail


@pytest.fixture
def api(world: World) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")  # an English browser: duban answers in Chinese all the same
    client.force_authenticate(world.liming)
    return client
