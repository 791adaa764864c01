"""Each document through LibreOffice, measured with pdfplumber: A4, GB/T 9704 margins, CJK fonts embedded,
no missing glyphs. Page one of each is kept as a PNG in test-artifacts/exports/."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from exports.drafting import draft_content
from exports.drafting.content import render
from exports.notice_doc import NoticeDocData, render_notice
from exports.pdf import docx_to_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"
PDFFONTS = shutil.which("pdffonts") or "/usr/bin/pdffonts"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "exports"
MM = 72 / 25.4
CJK = re.compile(r"[\u4e00-\u9fff]")


def measure(pdf_bytes: bytes, name: str) -> dict[str, Any]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    subprocess.run(
        [
            PDFTOPPM,
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(ARTIFACTS / name),
        ],
        check=True,
    )
    fonts = subprocess.run([PDFFONTS, str(path)], capture_output=True, text=True, check=True).stdout
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = [c for p in pdf.pages[:2] for c in p.chars if CJK.match(c["text"])]
        second = [c for c in pdf.pages[1].chars if CJK.match(c["text"])] if len(pdf.pages) > 1 else []
        return {
            "size": (round(page.width / MM), round(page.height / MM)),
            "left": min(c["x0"] for c in chars) / MM,
            "right": max(c["x1"] for c in chars) / MM,
            "rule_left": min((e["x0"] for e in page.lines + page.rects), default=None),
            "top2": min(c["top"] for c in second) / MM if second else None,
            "text": "".join(p.extract_text() or "" for p in pdf.pages),
            "cjk_fonts": {c["fontname"].split("+")[-1] for c in chars},
            "embedded": [line.split()[-5] for line in fonts.splitlines()[2:]],
        }


def check(m: dict[str, Any], *, form: bool = False) -> None:
    assert m["size"] == (210, 297)
    if form:  # a form: the table's left border on the 28 mm binding edge
        assert 27 <= m["rule_left"] / MM <= 29
    else:
        assert 27 <= m["left"] <= 29  # 28 mm binding edge
    assert m["right"] <= 185  # 26 mm outer edge
    if m["top2"] is not None:  # 37 mm head; the glyph sits about 2 mm inside its 28.95 pt line
        assert 37 <= m["top2"] <= 41
    assert m["embedded"]
    assert set(m["embedded"]) == {"yes"}
    assert all("CJK" in f or "UKai" in f for f in m["cjk_fonts"])
    assert "\ufffd" not in m["text"]


def test_the_bulletin_prints_as_an_official_document(quarter):
    content = draft_content("bulletin", quarter.world.plan, today=dt.date(2026, 10, 20))
    m = measure(docx_to_pdf(render(content)), "bulletin")
    check(m)
    text = re.sub(r"\s", "", str(m["text"]))
    assert "第三季度" in text
    assert "新建改扩建中小学校3所" in text
    assert "— 1 —" in str(m["text"])


@pytest.mark.parametrize("kind", ["half_year", "annual"])
def test_the_evaluation_and_the_annual_notice_print_the_same_way(quarter, kind):
    content = draft_content(kind, quarter.world.plan, today=dt.date(2026, 12, 20))
    check(measure(docx_to_pdf(render(content)), kind))


def test_the_notice_is_a_one_page_form():
    data = NoticeDocData(
        "泉港督办〔2026〕3号",
        "泉港区",
        "区教育局",
        2,
        "新建改扩建中小学校3所，新增学位2000个。",
        ["完成进度20%，序时进度75%，落后55个百分点"],
        1,
        dt.date(2026, 10, 12),
        dt.date(2026, 10, 19),
        "泉港区人民政府督查室",
    )
    pdf = docx_to_pdf(render_notice(data))
    m = measure(pdf, "notice")
    check(m, form=True)
    with pdfplumber.open(ARTIFACTS / "notice.pdf") as doc:
        assert len(doc.pages) == 1
    text = re.sub(r"\s", "", str(m["text"]))
    assert "泉港督办〔2026〕3号" in text
    assert "黄色督办单" in text
    assert "回执" in text
