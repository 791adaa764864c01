"""Bad input gets a TaskdocError that says why and what to do, or issues on rows; never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import taskdoc

ROOT = Path(__file__).parents[2]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_docx_zip_bomb_is_refused_unopened() -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (40 * 1024 * 1024)})
    with pytest.raises(taskdoc.TaskdocError, match="压缩炸弹"):
        taskdoc.read(bomb, filename="table.docx")


def test_xlsx_zip_bomb_is_refused_unopened() -> None:
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"0" * (40 * 1024 * 1024)})
    with pytest.raises(taskdoc.TaskdocError, match="压缩炸弹"):
        taskdoc.read(bomb, filename="table.xlsx")


def test_fifty_megabyte_file_is_refused_by_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (50 * 1024 * 1024))
    with pytest.raises(taskdoc.TaskdocError, match="文件过大"):
        taskdoc.read(big)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(taskdoc.TaskdocError, match="找不到文件"):
        taskdoc.read(tmp_path / "nowhere.docx")


def test_docx_with_entities_is_refused() -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read(_zip({"word/document.xml": evil}), filename="x.docx")


def test_zip_that_is_not_office_is_refused() -> None:
    with pytest.raises(taskdoc.TaskdocError, match="不是 Word"):
        taskdoc.read(_zip({"readme.txt": b"hello"}), filename="x.zip")


def test_pdf_without_text_layer_is_refused() -> None:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(100, 100, 200, 200)
    page.save()
    with pytest.raises(taskdoc.TaskdocError, match="扫描件"):
        taskdoc.read(out.getvalue(), filename="scan.pdf")


def test_cli_exits_2_with_one_line_on_stderr(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    done = subprocess.run(
        [sys.executable, "-m", "taskdoc", "parse", str(junk)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "文件已损坏" in done.stderr


# ---------------------------------------------------------------- hostile documents: limits on the bytes


def pdf_bomb(megabytes: int, *, streams: int = 1) -> bytes:
    """A small PDF whose page content inflates to `megabytes` MB of text operators (split over `streams`)."""
    import zlib

    chunk = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * 32768  # about 1 MB
    contents = []
    for _ in range(streams):
        z = zlib.compressobj(9)
        contents.append(b"".join(z.compress(chunk) for _ in range(megabytes // streams)) + z.flush())
    first = 5
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(streams))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [" + refs + b"] "
        b"/Resources << /Font << /F1 4 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(c) + c + b"\nendstream" for c in contents),
    ]
    pdf, offsets = b"%PDF-1.7\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % x for x in offsets)
    return pdf + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_a_pdf_stream_inflating_past_the_limit_is_refused_before_pdfminer_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from taskdoc import limits

    monkeypatch.setattr(limits, "MAX_PDF_STREAM_BYTES", 8 * 1024 * 1024)
    opened: list[object] = []
    monkeypatch.setattr("pdfplumber.open", opened.append)
    with pytest.raises(taskdoc.TaskdocError, match="压缩炸弹"):
        taskdoc.read(pdf_bomb(12), filename="bomb.pdf")
    assert opened == []


def test_many_streams_inflating_past_the_total_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from taskdoc import limits

    monkeypatch.setattr(limits, "MAX_PDF_TOTAL_BYTES", 10 * 1024 * 1024)
    with pytest.raises(taskdoc.TaskdocError, match="压缩炸弹"):
        taskdoc.read(pdf_bomb(16, streams=4), filename="bomb.pdf")  # 4 MB each, under the stream limit


def test_a_pdf_with_too_many_objects_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from taskdoc import limits

    monkeypatch.setattr(limits, "MAX_PDF_OBJECTS", 5)
    with pytest.raises(taskdoc.TaskdocError, match="PDF 对象过多"):
        taskdoc.read(pdf_bomb(1, streams=2), filename="many.pdf")


def test_a_pdf_with_too_many_pages_is_refused_from_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from taskdoc import limits

    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 0)
    with pytest.raises(taskdoc.TaskdocError, match="PDF 页数过多"):
        taskdoc.read(pdf_bomb(1), filename="pages.pdf")


def _docx_with(extra: dict[str, bytes], document: bytes | None = None) -> bytes:
    from taskdoc_samples import build_docx

    with zipfile.ZipFile(io.BytesIO(build_docx(_small_table()))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    if document is not None:
        members["word/document.xml"] = document
    return _zip({**members, **extra})


def _small_table() -> dict[str, Any]:
    import json

    gold = json.loads((ROOT / "tests/data/gold/001_31585e46d2ea987c.gold.json").read_text(encoding="utf-8"))
    return {**gold, "tasks": gold["tasks"][:5]}


def test_an_entity_declared_past_the_first_4_kb_of_the_document_is_refused() -> None:
    clean = _docx_with({})
    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        document = archive.read("word/document.xml")
    assert len(document) > 4096
    tail = b'<!DOCTYPE w [<!ENTITY lol "lollollollollol">]>'
    assert taskdoc.read(clean, filename="ok.docx").tasks  # the same file without it reads
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read(_docx_with({}, document + tail), filename="evil.docx")


def test_an_entity_in_any_part_of_the_package_is_refused() -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:styles/>'
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read(_docx_with({"word/styles.xml": evil}), filename="evil.docx")


def test_an_entity_in_utf16_xml_is_refused() -> None:
    evil = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16")
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read(_docx_with({"word/settings.xml": evil}), filename="evil.docx")


def test_an_entity_in_a_worksheet_is_refused_before_openpyxl_parses_it() -> None:
    from taskdoc_samples import build_xlsx

    with zipfile.ZipFile(io.BytesIO(build_xlsx(_small_table()))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/"))
    members[sheet] = members[sheet].replace(b"<sheetData>", b'<!ENTITY a "b"><sheetData>', 1)
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read(_zip(members), filename="evil.xlsx")


def test_an_oversized_xml_part_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from taskdoc import limits

    monkeypatch.setattr(limits, "MAX_XML_MEMBER_BYTES", 1024)
    with pytest.raises(taskdoc.TaskdocError, match="压缩炸弹"):
        taskdoc.read(_docx_with({}), filename="big.docx")


# ---------------------------------------------------------------- the worker process


def test_the_worker_gives_back_the_plan_the_library_reads() -> None:
    seed = ROOT / "tests/data/seeds/001_31585e46d2ea987c.txt"
    assert taskdoc.read_isolated(seed) == taskdoc.read(seed)


def test_a_parse_needing_more_memory_than_allowed_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, "1 task")
    page.save()
    with pytest.raises(taskdoc.TaskdocError, match="内存"):
        taskdoc.read_isolated(out.getvalue(), filename="a.pdf", limits=taskdoc.Limits(memory_mb=48))


def test_a_parse_past_its_time_is_stopped_and_its_worker_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    from taskdoc import isolation

    started: list[subprocess.Popen[bytes]] = []
    popen = subprocess.Popen

    def spy(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        process = popen(*args, **kwargs)  # type: ignore[call-overload]
        started.append(process)
        return process

    monkeypatch.setattr(isolation.subprocess, "Popen", spy)  # type: ignore[attr-defined]
    seed = ROOT / "tests/data/seeds/001_31585e46d2ea987c.txt"
    with pytest.raises(taskdoc.TaskdocError, match="超时"):
        taskdoc.read_isolated(seed, limits=taskdoc.Limits(seconds=0.05))
    assert started
    assert started[0].returncode is not None


def test_a_worker_result_holding_anything_but_taskdoc_types_is_refused() -> None:
    import pickle

    from taskdoc.isolation import _unpickle

    with pytest.raises(taskdoc.TaskdocError, match="无效结果"):
        _unpickle(pickle.dumps(subprocess.Popen))
