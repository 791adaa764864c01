"""李明 attaches evidence: what duban takes is told by the file's content, not by its name alone."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest

from progress.evidence import CONTENT_TYPES, MAX_BYTES, check_file, limit_problem

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("一季度新增城镇就业850人。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["指标", "数值"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


def check(name: str, content: bytes) -> tuple[str | None, str | None]:
    stream = io.BytesIO(content)
    result = check_file(name, len(content), stream)
    assert stream.tell() == 0  # the next reader starts at the beginning
    return result


@pytest.mark.parametrize(
    ("name", "content", "ext"),
    [
        ("快报.pdf", PDF, "pdf"),
        ("2026.03.快报.pdf", PDF, "pdf"),  # dots in the name: the kind is what follows the last one
        ("现场.PNG", PNG, "png"),
        ("现场.jpg", JPG, "jpg"),
        ("现场.jpeg", JPG, "jpeg"),
        ("总结.docx", _docx(), "docx"),
        ("台账.xlsx", _xlsx(), "xlsx"),
    ],
)
def test_real_files_of_each_kind_are_taken_with_their_content_type(name, content, ext):
    assert check(name, content) == (CONTENT_TYPES[ext], None)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("总结.docx", _xlsx()),  # an Excel file renamed to .docx
        ("台账.xlsx", _docx()),  # and a Word file renamed to .xlsx
        ("总结.docx", _zip(["word/document.xml"])),  # a zip without [Content_Types].xml
        ("台账.xlsx", _zip(["[Content_Types].xml", "docProps/app.xml"])),
        ("总结.docx", b"PK\x03\x04" + b"\x00" * 40),  # a zip header over nothing
        ("总结.docx", PDF),
        ("快报.pdf", PNG),
        ("现场.png", JPG),
        ("现场.jpg", PNG),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content):
    content_type, message = check(name, content)
    assert content_type is None
    assert message is not None
    assert name in message
    assert "并非真正的" in message


@pytest.mark.parametrize("name", ["说明.txt", "setup.exe", "无扩展名", "旧版.doc", "pdf"])
def test_other_kinds_are_refused_by_name(name):
    content_type, message = check(name, PDF)
    assert content_type is None
    assert message is not None
    assert f"“{name}”不是PDF" in message


def test_the_size_limit_is_10_mb_exactly():
    at_limit = PNG + b"\x00" * (MAX_BYTES - len(PNG))
    assert check("大图.png", at_limit) == ("image/png", None)
    content_type, message = check("大图.png", at_limit + b"\x00")
    assert content_type is None
    assert message is not None
    assert "10.0 MB" in message


def test_an_empty_file_is_refused():
    content_type, message = check("图片.png", b"")
    assert content_type is None
    assert message is not None
    assert "空文件" in message


MB = 1024 * 1024


def test_a_file_over_the_limit_is_refused_saying_how_big_it_is():
    """李明 picks a 60 MB scan: the message, in Chinese, gives its size so he knows how far to shrink it."""
    content_type, message = check_file("扫描件.pdf", 60 * MB, io.BytesIO(PDF))
    assert content_type is None
    assert message == "“扫描件.pdf”大小为60.0 MB，超过10 MB上限，请压缩或拆分后再上传。"


def test_a_report_holds_at_most_the_allowed_number_of_evidence_files():
    """李明's March report already carries 8 files; 2 more reach the limit of 10, a third is one too many."""
    assert limit_problem([MB] * 8, [MB] * 2, 10, 50 * MB) is None
    assert limit_problem([MB] * 8, [MB] * 3, 10, 50 * MB) == "每份报告最多附10个佐证材料，本次将达到11个。"


def test_a_reports_evidence_holds_at_most_the_allowed_total_size():
    """Two 20 MB files and a 10 MB one make exactly 50 MB; a 12.5 MB one instead is over, and the message
    says by how much."""
    assert limit_problem([20 * MB, 20 * MB], [10 * MB], 10, 50 * MB) is None
    assert (
        limit_problem([20 * MB, 20 * MB], [int(12.5 * MB)], 10, 50 * MB)
        == "每份报告的佐证材料合计不超过50 MB，本次将达到52.5 MB。"
    )


def test_the_total_size_limit_is_shown_as_configured():
    """A district that allows 1 GB of evidence per report is told 1024 MB, not a rounded-off figure."""
    message = limit_problem([], [1025 * MB], 10, 1024 * MB)
    assert message == "每份报告的佐证材料合计不超过1024 MB，本次将达到1025.0 MB。"
