"""王芳, of 泉港区's supervision office, imports the district's table through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import verify
from ingest.models import ImportBatch
from orgs.models import Role, Unit, UnitAlias
from targets.models import Indicator, Plan, Task
from tests.factories import member
from tests.ingest.conftest import seed_upload
from tests.ingest.gold import QUANGANG, gold

pytestmark = pytest.mark.django_db


def _upload(client, region, stem=QUANGANG, **kwargs):
    return client.post(
        reverse("ingest:upload"), {"region": region.pk, "year": 2026, "file": seed_upload(stem, **kwargs)}
    )


def test_wang_fang_uploads_previews_and_confirms_the_quangang_table(client, wang_fang, quangang):
    client.force_login(wang_fang)
    page = client.get(reverse("ingest:upload")).content.decode()
    assert "泉港区" in page
    assert "鲤城区" not in page

    response = _upload(client, quangang)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ingest:batch", args=[batch.pk])
    assert batch.status == ImportBatch.Status.PARSED  # the immediate backend read it at once
    assert batch.file.read() == (seed_upload(QUANGANG).read())
    assert len(batch.tasks) == 110

    preview = client.get(response["Location"]).content.decode()
    assert preview.count('data-label="序号"') == 110  # every row is shown
    assert 'class="issue"' in preview  # rows with issues are highlighted
    assert "原表“协办单位”一栏为空" in preview
    assert "确认并导入" in preview
    assert Plan.objects.count() == 0
    assert Unit.objects.count() == 0

    response = client.post(reverse("ingest:confirm", args=[batch.pk]), follow=True)
    plan = Plan.objects.get(region=quangang, year=2026)
    assert response.redirect_chain[-1][0] == reverse("targets:task_list", args=[plan.pk])
    assert "新增 110" in response.content.decode()
    assert plan.doc_number == "泉港政办〔2026〕1号"
    assert plan.source_file.read() == seed_upload(QUANGANG).read()
    assert Task.objects.filter(plan=plan).count() == 110
    assert Indicator.objects.filter(task__plan=plan).count() > 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CONFIRMED
    assert batch.confirmed_by == wang_fang
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"import.uploaded", "import.parsed", "unit.created", "plan.created", "task.created"} <= verbs
    assert {"import.confirmed"} <= verbs
    assert verify() == []


def test_the_progress_page_polls_until_the_file_is_read(client, wang_fang, quangang, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no worker runs
    client.force_login(wang_fang)
    response = _upload(client, quangang)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert reverse("ingest:batch_status", args=[batch.pk]) in page

    status = client.get(reverse("ingest:batch_status", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert status.status_code == 200
    assert "HX-Redirect" not in status

    client.post(reverse("ingest:parse_now", args=[batch.pk]))  # no worker: read it in the request
    status = client.get(reverse("ingest:batch_status", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Redirect"] == reverse("ingest:batch", args=[batch.pk])


def test_reading_twice_is_harmless(wang_fang, quangang):
    from ingest import services

    batch = services.create_batch(region=quangang, year=2026, upload=seed_upload(QUANGANG), by=wang_fang)
    services.parse_batch(batch_id=batch.pk)
    services.parse_batch(batch_id=batch.pk)
    assert AuditEvent.objects.filter(verb="import.parsed").count() == 1


def test_li_ming_a_liaison_cannot_import(client, quangang):
    fagai = Unit.objects.create(region=quangang, name="发改局")
    li_ming = member("liming", Role.LIAISON, region=quangang, unit=fagai)
    client.force_login(li_ming)
    response = client.get(reverse("ingest:upload"))
    assert response.status_code == 403
    assert "督查室" in response.content.decode()


def test_chen_jing_cannot_see_wang_fangs_batch(client, wang_fang, chen_jing, quangang):
    client.force_login(wang_fang)
    _upload(client, quangang)
    batch = ImportBatch.objects.get()
    client.force_login(chen_jing)
    assert client.get(reverse("ingest:batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("ingest:confirm", args=[batch.pk])).status_code == 404
    assert Plan.objects.count() == 0


def test_the_import_matches_the_gold_file(wang_fang, quangang):
    from ingest import services

    batch = services.create_batch(region=quangang, year=2026, upload=seed_upload(QUANGANG), by=wang_fang)
    services.parse_batch(batch_id=batch.pk)
    services.confirm_batch(batch=ImportBatch.objects.get(pk=batch.pk), by=wang_fang)
    tasks = {
        t.seq: t for t in Task.objects.filter(plan__region=quangang).prefetch_related("assignments__unit")
    }
    # the table prints 区委政法委 and 区委政法委员会: one unit, the second name remembered as its alias
    also = {a.alias: a.unit.name for a in UnitAlias.objects.filter(region=quangang).select_related("unit")}
    assert also == {"区委政法委员会": "区委政法委"}
    for row in gold(QUANGANG)["tasks"]:
        task = tasks[row["seq"]]
        assert {u.name for u in task.lead_units} == {also.get(n, n) for n in row["lead_units"]}, row["seq"]
        assert {u.name for u in task.co_units} == {also.get(n, n) for n in row["co_units"]}, row["seq"]
