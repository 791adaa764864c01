"""Hostile documents (等保, issue 16): a bomb is refused in a worker process under memory and time limits,
with a clear Chinese message, and nothing of it is kept. The limits on the bytes themselves (streams,
zip parts, XML entities anywhere) are tested one by one in tests/taskdoc/test_bad_input.py."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import taskdoc

ROOT = Path(__file__).parents[2]


def _pdf_bomb(megabytes: int) -> bytes:
    """One page whose content stream inflates to `megabytes` MB of text operators (as the probe's was)."""
    chunk = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * 32768
    z = zlib.compressobj(9)
    data = b"".join(z.compress(chunk) for _ in range(megabytes)) + z.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.7\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % x for x in offsets)
    return pdf + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = _pdf_bomb(200)  # 200 MB inflated, past the 160 MB a stream may hold
    assert len(data) < 2 * 1024 * 1024
    return data


def test_a_pdf_bomb_is_refused_by_the_command_line_with_one_chinese_line(bomb: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb)
    done = subprocess.run(
        [sys.executable, "-m", "taskdoc", "parse", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "文件解压后过大，疑似压缩炸弹" in done.stderr


def test_a_pdf_bomb_is_refused_by_the_isolated_reader(bomb: bytes) -> None:
    with pytest.raises(taskdoc.TaskdocError, match="压缩炸弹"):
        taskdoc.read_isolated(bomb, filename="年度分解表.pdf")


def test_what_the_byte_checks_miss_is_stopped_by_the_memory_limit(
    bomb: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With the stream check switched off (as for a kind of bomb it does not know), the worker's
    address-space limit still ends the parse with a clear message."""
    # the worker is a fresh interpreter: switch the check off there through a sitecustomize on its path
    site = tmp_path
    (site / "sitecustomize.py").write_text(
        "import taskdoc.limits as l\nl.MAX_PDF_STREAM_BYTES = l.MAX_PDF_TOTAL_BYTES = 1 << 60\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(site))
    with pytest.raises(taskdoc.TaskdocError, match="内存"):
        taskdoc.read_isolated(bomb, filename="a.pdf", limits=taskdoc.Limits(memory_mb=150, seconds=60))


def test_a_docx_declaring_entities_deep_inside_is_refused() -> None:
    import docx

    document = docx.Document()
    for n in range(200):
        document.add_paragraph(f"第{n}段 正文内容")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    body = members["word/document.xml"]
    assert len(body) > 8192
    at = body.index(b"</w:body>")
    members["word/document.xml"] = body[:at] + b'<!ENTITY x "y">' + body[at:]
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read_isolated(evil.getvalue(), filename="evil.docx")


@pytest.mark.django_db
def test_a_bomb_uploaded_for_import_is_refused_and_nothing_is_kept(
    bomb: bytes, settings: Any, tmp_path: Path
) -> None:
    from ingest import services
    from ingest.models import ImportBatch
    from orgs.models import Role, Unit
    from targets.models import Plan, Task
    from tests.factories import RegionFactory, member

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    quangang: Any = RegionFactory(name="泉港区")
    wang_fang = member("wangfang", Role.SUPERVISOR, region=quangang)
    upload = SimpleUploadedFile("分解表.pdf", bomb, content_type="application/pdf")
    batch = services.create_batch(region=quangang, year=2026, upload=upload, by=wang_fang)
    batch = services.parse_batch(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.error_code == "unreadable"
    assert "压缩炸弹" in batch.error_message
    assert batch.parsed is None
    assert Plan.objects.count() == Task.objects.count() == Unit.objects.count() == 0
