"""王芳's upload page lists her recent imports; 陈静 of 鲤城区 sees none of them, and the list costs the same
queries for one import as for twenty."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ingest.access import access_batch
from ingest.models import ImportBatch
from orgs.roles import roles_of
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def _batches(region, by, n):
    for i in range(n):
        batch = ImportBatch(region=region, year=2026, original_name=f"分解表{i}.txt", created_by=by)
        batch.file.save(f"table{i}.txt", ContentFile("1\t任务\t发改局".encode()), save=False)
        batch.save()


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_recent_imports_cost_the_same_queries_for_1_and_20(client, wang_fang, quangang, chen_jing):
    client.force_login(wang_fang)
    url = reverse("ingest:upload")
    _batches(quangang, wang_fang, 1)
    one, page = _queries(client, url)
    assert page.count("分解表0.txt") == 1
    _batches(quangang, wang_fang, 19)
    twenty, page = _queries(client, url)
    assert page.count('data-label="地区">泉港区<') == 20
    assert twenty == one

    client.force_login(chen_jing)
    _, page = _queries(client, url)
    assert "分解表0.txt" not in page


def test_a_confirmed_import_comes_with_its_region_and_plan_in_one_query(
    wang_fang, quangang, django_assert_num_queries
):
    """The result page of 王芳's confirmed import links to the plan it made: no second query for it."""
    _batches(quangang, wang_fang, 1)
    batch = ImportBatch.objects.get()
    batch.plan = PlanFactory(region=quangang, year=2026)
    batch.status = ImportBatch.Status.CONFIRMED
    batch.save()
    roles_of(wang_fang)  # the roles are read once per request, before any page asks
    with django_assert_num_queries(1):
        found = access_batch(wang_fang, batch.pk)
        assert (found.region.name, found.plan.year) == ("泉港区", 2026)
