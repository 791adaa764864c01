"""王芳 imports 泉港区's table, then a revised copy: the preview shows the difference first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import verify
from ingest import services
from ingest.models import ImportBatch
from progress.models import IndicatorReading, Period, ProgressReport
from targets.models import Indicator, Task
from tests.ingest.conftest import seed_upload
from tests.ingest.gold import QUANGANG, seed_path

pytestmark = pytest.mark.django_db

NEW_ROW = "111\t建成区级智慧督办平台，实现全区重点任务线上跟踪。\t政府办（效能办）\t各镇（街道）"


def _revised_seed() -> bytes:
    """One text changed (row 5), one row removed (109), one row added (111)."""
    lines = seed_path(QUANGANG).read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        if line.startswith("5\t"):
            seq, text, *rest = line.split("\t")
            line = "\t".join([seq, text + "力争走在全市前列。", *rest])
        if line.startswith("109\t"):
            continue
        out.append(line)
        if line.startswith("110\t"):
            out.append(NEW_ROW)
    return "\n".join(out).encode("utf-8")


def _import(region, by, content=None):
    batch = services.create_batch(
        region=region, year=2026, upload=seed_upload(QUANGANG, content=content), by=by
    )
    return services.parse_batch(batch_id=batch.pk)


def _file_a_report(task, unit, by):
    period, _ = Period.objects.get_or_create(
        plan=task.plan,
        kind=Period.Kind.MONTH,
        start=dt.date(2026, 1, 1),
        defaults={
            "end": dt.date(2026, 1, 31),
            "due_date": dt.date(2026, 2, 6),
            "lock_date": dt.date(2026, 2, 13),
        },
    )
    return ProgressReport.objects.create(
        task=task,
        unit=unit,
        period=period,
        status=ProgressReport.Status.ON_TRACK,
        percent=10,
        text="已完成年度计划编制。",
        state=ProgressReport.State.FILED,
        filed_by=by,
        filed_at=timezone.now(),
    )


def test_importing_the_same_file_twice_changes_nothing(client, wang_fang, quangang):
    services.confirm_batch(batch=_import(quangang, wang_fang), by=wang_fang)
    before = {t.pk: (t.text, t.status, t.section_id, t.due_date) for t in Task.objects.all()}
    indicators = set(Indicator.objects.values_list("pk", flat=True))
    last_event = AuditEvent.objects.latest("id").pk

    again = _import(quangang, wang_fang)
    client.force_login(wang_fang)
    page = client.get(reverse("ingest:batch", args=[again.pk])).content.decode()
    assert "此表与已导入的分解表完全一致" in page
    assert services.build_preview(again).diff.is_empty
    services.confirm_batch(batch=again, by=wang_fang)

    assert {t.pk: (t.text, t.status, t.section_id, t.due_date) for t in Task.objects.all()} == before
    assert set(Indicator.objects.values_list("pk", flat=True)) == indicators
    new_verbs = list(AuditEvent.objects.filter(pk__gt=last_event).values_list("verb", flat=True))
    assert not any(v.startswith(("task.", "unit.", "plan.")) for v in new_verbs), new_verbs


def test_a_revised_copy_shows_and_applies_exactly_its_difference(client, wang_fang, quangang):
    services.confirm_batch(batch=_import(quangang, wang_fang), by=wang_fang)
    row5 = Task.objects.get(seq=5)
    row109 = Task.objects.get(seq=109)
    lead = row109.lead_units[0]
    reports = [_file_a_report(row5, row5.lead_units[0], wang_fang), _file_a_report(row109, lead, wang_fang)]
    events_before = set(AuditEvent.objects.values_list("id", "hash"))
    last_event = max(pk for pk, _ in events_before)

    revised = _import(quangang, wang_fang, content=_revised_seed())
    diff = services.build_preview(revised).diff
    assert diff.added == [111]
    assert [c.seq for c in diff.changed] == [5]
    assert list(diff.changed[0].fields) == ["text"]
    assert diff.withdrawn == [109]
    assert diff.restored == []
    assert diff.unchanged == 108

    client.force_login(wang_fang)
    page = client.get(reverse("ingest:batch", args=[revised.pk])).content.decode()
    assert "新增 1 项，修改 1 项，撤销 1 项，恢复 0 项，未变 108 项" in page
    assert "力争走在全市前列" in page
    assert "智慧督办平台" in page
    response = client.post(reverse("ingest:confirm", args=[revised.pk]))
    assert response.status_code == 302

    assert Task.objects.get(seq=5).text.endswith("力争走在全市前列。")
    assert Task.objects.get(seq=5).pk == row5.pk  # updated in place, by seq
    assert Task.objects.get(seq=109).status == Task.Status.WITHDRAWN
    assert Task.objects.get(seq=111).status == Task.Status.ACTIVE
    assert Task.objects.filter(status=Task.Status.ACTIVE).count() == 110
    assert ProgressReport.objects.filter(pk__in=[r.pk for r in reports]).count() == 2  # no report lost
    assert set(AuditEvent.objects.filter(pk__lte=last_event).values_list("id", "hash")) == events_before
    verbs = list(AuditEvent.objects.filter(pk__gt=last_event).values_list("verb", flat=True))
    assert verbs.count("task.updated") == 1
    assert verbs.count("task.withdrawn") == 1
    assert verbs.count("task.created") == 1
    assert verify() == []
    assert ImportBatch.objects.get(pk=revised.pk).summary == {
        "added": 1,
        "restored": 0,
        "changed": 1,
        "withdrawn": 1,
        "unchanged": 108,
    }


def test_a_withdrawn_row_that_comes_back_is_restored(wang_fang, quangang):
    services.confirm_batch(batch=_import(quangang, wang_fang), by=wang_fang)
    services.confirm_batch(batch=_import(quangang, wang_fang, content=_revised_seed()), by=wang_fang)
    original = _import(quangang, wang_fang)
    diff = services.build_preview(original).diff
    assert diff.restored == [109]
    assert diff.withdrawn == [111]
    services.confirm_batch(batch=original, by=wang_fang)
    assert Task.objects.get(seq=109).status == Task.Status.ACTIVE
    assert Task.objects.get(seq=111).status == Task.Status.WITHDRAWN


def _with_text_added(seq: int, words: str) -> bytes:
    lines = seed_path(QUANGANG).read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        if line.startswith(f"{seq}\t"):
            number, text, *rest = line.split("\t")
            lines[n] = "\t".join([number, text + words, *rest])
    return "\n".join(lines).encode("utf-8")


def test_an_indicator_with_readings_survives_a_changed_text(wang_fang, quangang):
    """Indicators are updated in place, so what units reported against them stays attached."""
    services.confirm_batch(batch=_import(quangang, wang_fang), by=wang_fang)
    task = Task.objects.filter(indicators__isnull=False).order_by("seq").first()
    assert task is not None
    indicators = {i.name: i.pk for i in task.indicators.all()}
    report = _file_a_report(task, task.lead_units[0], wang_fang)
    readings = [
        IndicatorReading.objects.create(report=report, indicator_id=pk, value=5.6, note="统计局快报")
        for pk in indicators.values()
    ]

    revised = _import(quangang, wang_fang, content=_with_text_added(task.seq, "力争走在全市前列。"))
    assert [c.seq for c in services.build_preview(revised).diff.changed] == [task.seq]
    services.confirm_batch(batch=revised, by=wang_fang)

    task.refresh_from_db()
    assert task.text.endswith("力争走在全市前列。")  # the text did change
    assert {i.name: i.pk for i in task.indicators.all()} == indicators  # the same rows, updated in place
    for reading, indicator_id in zip(readings, indicators.values(), strict=True):
        reading.refresh_from_db()  # DoesNotExist when the indicator was deleted and made anew
        assert (reading.indicator_id, reading.report_id, reading.value, reading.note) == (
            indicator_id,
            report.pk,
            5.6,
            "统计局快报",
        )
    assert IndicatorReading.objects.filter(indicator__task=task).count() == len(readings)
