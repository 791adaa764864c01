"""Bad input gets a TaskdocError that says why and what to do, or issues on rows; never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

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
