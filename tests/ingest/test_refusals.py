"""Bad uploads are refused with a Chinese message that says what to do; nothing half-imported remains."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ingest import services
from ingest.errors import ImportRefused
from ingest.models import ImportBatch
from orgs.models import Person, Unit
from targets import services as target_services
from targets.models import Assignment, Plan, Section, Task
from tests.ingest.conftest import seed_upload
from tests.ingest.gold import LICHENG, QUANGANG

pytestmark = pytest.mark.django_db


def _nothing_imported():
    assert Plan.objects.count() == 0
    assert Section.objects.count() == 0
    assert Task.objects.count() == 0
    assert Assignment.objects.count() == 0
    assert Unit.objects.count() == 0
    assert Person.objects.count() == 0


def _post(client, region, upload, year=2026):
    return client.post(
        reverse("ingest:upload"), {"region": region.pk, "year": year, "file": upload}, follow=True
    )


def test_a_meeting_note_is_not_a_table(client, wang_fang, quangang):
    client.force_login(wang_fang)
    note = "关于召开春节前安全生产工作会议的通知\n\n各单位：定于1月20日召开会议，请准时参加。\n".encode()
    page = _post(client, quangang, seed_upload(QUANGANG, name="会议通知.txt", content=note)).content.decode()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.error_code == "unreadable"
    assert "无法将此文件读取为分解表" in page
    assert "未找到任务表" in page
    assert "重新上传" in page
    assert "no task table" not in page  # the parser's English half is not shown to a Chinese reader
    _nothing_imported()


def test_unknown_columns_are_named_and_explained(client, wang_fang, quangang):
    client.force_login(wang_fang)
    table = "编号\t内容\t备注\n1\t全区生产总值增长5.5%左右。\t无\n2\t工业增加值增长5.5%。\t无\n".encode()
    page = _post(client, quangang, seed_upload(QUANGANG, name="表.txt", content=table)).content.decode()
    assert ImportBatch.objects.get().error_code == "unknown_columns"
    assert "无法识别表格的列（编号、内容、备注）" in page
    assert "牵头单位" in page
    assert "请修改表头后重新上传" in page
    _nothing_imported()


def test_a_file_over_the_size_limit_is_refused_before_it_is_kept(client, wang_fang, quangang, settings):
    settings.DUBAN_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(wang_fang)
    big = seed_upload(QUANGANG, content=b"x" * (1024 * 1024 + 1))
    response = _post(client, quangang, big)
    page = response.content.decode()
    assert response.status_code == 200
    assert "超过 1 MB 的上限" in page
    assert "重新上传" in page
    assert ImportBatch.objects.count() == 0
    _nothing_imported()


def test_the_service_refuses_an_oversized_file_too(wang_fang, quangang, settings):
    settings.DUBAN_IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportRefused) as refused:
        services.create_batch(region=quangang, year=2026, upload=seed_upload(QUANGANG), by=wang_fang)
    assert refused.value.code == "too_large"
    assert ImportBatch.objects.count() == 0


def test_an_apple_pages_file_is_refused_with_the_formats_duban_reads(client, wang_fang, quangang):
    client.force_login(wang_fang)
    page = _post(client, quangang, seed_upload(QUANGANG, name="分解表.pages")).content.decode()
    assert "另存为其中一种格式后重新上传" in page
    assert ImportBatch.objects.count() == 0


def test_wang_fang_cannot_import_for_licheng(client, wang_fang, quangang, licheng):
    client.force_login(wang_fang)
    page = _post(client, licheng, seed_upload(LICHENG)).content.decode()
    assert "您不负责此地区" in page
    assert ImportBatch.objects.count() == 0
    with pytest.raises(ImportRefused) as refused:
        services.create_batch(region=licheng, year=2026, upload=seed_upload(LICHENG), by=wang_fang)
    assert "您不是鲤城区的督查室人员" in refused.value.message
    _nothing_imported()


def test_licheng_s_table_uploaded_as_quangang_is_refused(client, wang_fang, quangang, licheng):
    client.force_login(wang_fang)
    page = _post(client, quangang, seed_upload(LICHENG)).content.decode()
    assert ImportBatch.objects.get().error_code == "region_mismatch"
    assert "此文件是鲤城区的分解表，不是泉港区的" in page
    _nothing_imported()


def test_a_table_of_another_year_is_refused(client, wang_fang, quangang):
    client.force_login(wang_fang)
    page = _post(client, quangang, seed_upload(QUANGANG), year=2025).content.decode()
    assert "此文件是 2026 年度的分解表，不是 2025 年度的" in page
    _nothing_imported()


def test_a_failure_while_confirming_leaves_nothing_behind(wang_fang, quangang, monkeypatch):
    batch = services.parse_batch(
        batch_id=services.create_batch(
            region=quangang, year=2026, upload=seed_upload(QUANGANG), by=wang_fang
        ).pk
    )

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(target_services, "_sync_indicators", explode)
    with pytest.raises(RuntimeError):
        services.confirm_batch(batch=batch, by=wang_fang)
    _nothing_imported()
    assert ImportBatch.objects.get().status == ImportBatch.Status.PARSED  # can be confirmed again


def test_a_batch_is_confirmed_once(wang_fang, quangang):
    batch = services.parse_batch(
        batch_id=services.create_batch(
            region=quangang, year=2026, upload=seed_upload(QUANGANG), by=wang_fang
        ).pk
    )
    services.confirm_batch(batch=batch, by=wang_fang)
    with pytest.raises(ImportRefused) as refused:
        services.confirm_batch(batch=batch, by=wang_fang)
    assert "本次导入已结束（已导入）" in refused.value.message


def test_only_the_office_an_admin_or_the_command_line_may_import(wang_fang, quangang, licheng):
    """manage.py import_plan acts as the office of any region; no one signed in, or a person of another
    region's office, is refused with the reason."""
    from django.contrib.auth.models import AnonymousUser

    from ingest.batches import check_can_import

    check_can_import(region=quangang, by="manage.py import_plan")
    check_can_import(region=licheng, by="manage.py demo")
    check_can_import(region=quangang, by=wang_fang)
    for nobody in (None, AnonymousUser()):
        with pytest.raises(ImportRefused) as refused:
            check_can_import(region=quangang, by=nobody)
        assert refused.value.code == "not_supervisor"
    with pytest.raises(ImportRefused):
        check_can_import(region=licheng, by=wang_fang)


def test_a_file_exactly_at_the_limit_is_read_one_byte_more_is_refused_with_both_sizes(settings):
    from django.utils import translation

    from ingest.batches import check_upload

    settings.DUBAN_IMPORT_MAX_BYTES = 3 * 1024 * 1024
    check_upload(name="分解表.docx", size=3 * 1024 * 1024)
    with pytest.raises(ImportRefused) as refused, translation.override("zh-hans"):
        check_upload(name="分解表.docx", size=3 * 1024 * 1024 + 1024 * 512)
    assert refused.value.code == "too_large"
    with translation.override("zh-hans"):
        assert "文件大小为 3.5 MB，超过 3 MB 的上限" in refused.value.message


def test_an_empty_file_is_refused_a_one_byte_file_is_left_to_the_reader():
    from django.utils import translation

    from ingest.batches import check_upload

    with pytest.raises(ImportRefused) as refused:
        check_upload(name="分解表.docx", size=0)
    assert refused.value.code == "empty"
    with translation.override("zh-hans"):
        assert refused.value.message == "文件是空的。请选择分解表文件后重新上传。"
    check_upload(name="分解表.docx", size=1)


def test_an_empty_upload_says_what_to_do(client, wang_fang, quangang):
    """An empty file on the upload page gets duban's message (choose the table, upload it again), not Django's."""
    client.force_login(wang_fang)
    page = _post(client, quangang, SimpleUploadedFile("分解表.docx", b"")).content.decode()
    assert "文件是空的。请选择分解表文件后重新上传。" in page
    assert "所提交的是空文件" not in page
    _nothing_imported()
