"""Why taskdoc refused a file reaches the supervisor through the catalogue, by taskdoc's code."""

from __future__ import annotations

from django.utils import translation

import taskdoc
from ingest.errors import ImportRefused


def _refused(data: bytes, name: str) -> ImportRefused:
    try:
        taskdoc.read(data, filename=name)
    except taskdoc.TaskdocError as error:
        return ImportRefused.from_taskdoc(error)
    raise AssertionError("taskdoc read a file it should have refused")


def test_a_notice_without_a_table_is_refused_by_its_code_in_either_language():
    refused = _refused("关于召开会议的通知\n各单位：请准时参加。\n".encode(), "会议通知.txt")
    assert refused.code == "unreadable"
    assert refused.params == {"reason": "no_table"}
    with translation.override("zh-hans"):
        assert "未找到任务表" in refused.message
        assert "no task table" not in refused.message
    with translation.override("en"):
        assert "no task table was found" in refused.message


def test_a_reason_without_a_catalogue_entry_is_said_in_the_readers_language():
    refused = ImportRefused.from_taskdoc(
        taskdoc.TaskdocError("pdf_scanned", {"zh": "扫描件无文字层", "en": "a scan"})
    )
    with translation.override("zh-hans"):
        assert "扫描件无文字层" in refused.message
        assert "a scan" not in refused.message
    with translation.override("en"):
        assert "a scan" in refused.message
        assert "扫描件" not in refused.message


def test_an_empty_file_names_its_reason():
    refused = _refused(b"", "empty.txt")
    assert refused.params["reason"] == "empty"
    with translation.override("zh-hans"):
        assert "文件为空" in refused.message
