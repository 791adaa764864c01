"""A PDF exported from Word parses like the Word file it came from.

Every Word sample (the two seeds as built by taskdoc_samples, the built samples, and a few layouts that
are hard for a PDF: page numbers, a row running over three pages, centred cells, Latin words) is
converted to PDF by LibreOffice at test time, all in one soffice call per test session, and the PDF's
parse is compared with the .docx parse.

Two things a PDF does not record are compared loosely, and only these:
- the spaces in a task's text (a space at a line wrap is not printed; the gold scoring ignores them);
- a cell merged down over a page break at a row boundary: its text is printed once, above the break,
  so the row below it reads an empty cell (Word's own PDF has the same gap). Allowed at most once a file.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from built_samples import BUILDERS as BUILT
from taskdoc_samples import build_docx

import taskdoc
from taskdoc.jsonout import plan_to_dict

SOFFICE = "/usr/bin/soffice"
GOLD = Path(__file__).parents[1] / "data" / "gold"
SEEDS = ("000_c0ca6c59d42007b8", "001_31585e46d2ea987c")
FIELDS = ("seq", "section", "text", "lead_units", "co_units", "leaders")
UNIT_FIELDS = ("lead_units", "co_units", "leaders")


def _seed(name: str) -> Callable[[], bytes]:
    return lambda: build_docx(json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8")))


def _with_page_numbers(data: bytes) -> bytes:
    """The same document with '- N -' in the footer of every page."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.add_run("- ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        paragraph.add_run(" -")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _hard_layouts() -> bytes:
    """A task long enough to run over three pages, unit cells centred one name per line, text in
    Latin words wrapped at spaces, and a header repeated on each page."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("2026年重点工作任务分解表")
    header = ("序号", "工作任务", "牵头单位", "配合单位", "责任领导")
    clause = "统筹推进城乡基础设施建设和公共服务提质扩容，逐项明确时间表和路线图，按月调度进展情况；"
    rows = [
        (
            "1",
            "建设5G基站300个，推进千兆光网进小区。",
            "县工信局",
            "县发改局\n县财政局\n各乡镇人民政府",
            "王刚",
        ),
        ("2", clause * 60 + "确保年底前全面完成。", "县住建局", "县自然资源局\n县交通运输局", "李华"),
        (
            "3",
            "Build the county digital service platform and publish open data sets for public use every quarter.",
            "县数据局",
            "县直有关单位",
            "王刚",
        ),
    ]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, word in zip(table.rows[0].cells, header, strict=True):
        cell.text = word
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
            first, *more = value.split("\n")
            cell.text = first
            for line in more:
                cell.add_paragraph(line)
            if c >= 2:
                for paragraph in cell.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCUMENTS: dict[str, Callable[[], bytes]] = {
    **{f"seed_{name[:3]}": _seed(name) for name in SEEDS},
    **{name: build for name, (filename, build) in BUILT.items() if filename.endswith(".docx")},
    "seed_000_page_numbers": lambda: _with_page_numbers(_seed(SEEDS[0])()),
    "hard_layouts": _hard_layouts,
}


class _Converted:
    def __init__(self, folder: Path, error: str | None) -> None:
        self.folder, self.error = folder, error

    def pair(self, name: str) -> tuple[bytes, bytes]:
        if self.error:
            pytest.fail(self.error)
        pdf = self.folder / f"{name}.pdf"
        if not pdf.exists():
            pytest.fail(f"LibreOffice did not convert {name}.docx to PDF")
        return (self.folder / f"{name}.docx").read_bytes(), pdf.read_bytes()


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> _Converted:
    """Every document written as .docx and converted to .pdf in one soffice call (a private profile,
    so a parallel LibreOffice cannot swallow the conversion)."""
    folder = tmp_path_factory.mktemp("pdf-from-word")
    soffice = SOFFICE if Path(SOFFICE).exists() else shutil.which("soffice")
    if soffice is None:
        return _Converted(folder, f"LibreOffice ({SOFFICE}) is missing: run `make sysdeps` to install it")
    files = []
    for name, build in DOCUMENTS.items():
        path = folder / f"{name}.docx"
        path.write_bytes(build())
        files.append(str(path))
    profile = tmp_path_factory.mktemp("lo-profile")
    command = [
        soffice,
        "--headless",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *files,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return _Converted(folder, "LibreOffice did not finish converting the samples in 10 minutes")
    missing = [name for name in DOCUMENTS if not (folder / f"{name}.pdf").exists()]
    if missing:
        return _Converted(
            folder, f"LibreOffice did not convert {missing} (exit {done.returncode}): {done.stderr[-2000:]}"
        )
    return _Converted(folder, None)


def _parse(data: bytes, filename: str) -> dict[str, Any]:
    plan = plan_to_dict(taskdoc.read(data, filename=filename))
    tasks = [{k: task[k] for k in FIELDS} for task in plan["tasks"]]
    for task in tasks:
        task["text"] = "".join(str(task["text"]).split())
    return {
        "document": plan["document"],
        "columns": plan["columns"],
        "roles": plan["column_roles"],
        "tasks": tasks,
    }


def _merged_over_page_break(word: list[dict[str, Any]], pdf: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(row, field) where the PDF reads an empty cell that Word merged with the cell above."""
    gaps = []
    for i, (w, p) in enumerate(zip(word, pdf, strict=True)):
        for field in UNIT_FIELDS:
            if w[field] != p[field] and not p[field] and i and w[field] == word[i - 1][field]:
                gaps.append((i, field))
                p[field] = w[field]
    return gaps


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_pdf_exported_from_word_parses_like_the_word_file(converted: _Converted, name: str) -> None:
    docx_bytes, pdf_bytes = converted.pair(name)
    word = _parse(docx_bytes, f"{name}.docx")
    pdf = _parse(pdf_bytes, f"{name}.pdf")
    assert len(pdf["tasks"]) == len(word["tasks"])
    assert len(_merged_over_page_break(word["tasks"], pdf["tasks"])) <= 1
    assert pdf == word


def test_the_long_row_is_one_task_over_three_pages(converted: _Converted) -> None:
    import pdfplumber

    _, pdf_bytes = converted.pair("hard_layouts")
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) >= 3
    tasks = taskdoc.read(pdf_bytes, filename="hard.pdf").tasks
    assert [t.seq for t in tasks] == [1, 2, 3]
    assert tasks[1].text.endswith("确保年底前全面完成。")
    assert tasks[0].co_units == ("县发改局", "县财政局", "各乡镇人民政府")
    assert tasks[2].text.startswith("Build the county digital service platform and publish")
