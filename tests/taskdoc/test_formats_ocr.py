"""Scanned PDFs (no text layer) are read by OCR: Tesseract's chi_sim on each cell found from the page's
ruling lines; a cell read with low confidence puts an issue on its row for the office to check."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from taskdoc_samples import build_pdf

import taskdoc
from taskdoc.codes import OCR_LOW_CONFIDENCE, OCR_USED
from taskdoc.doubt import mark_doubtful
from taskdoc.readers import ocr
from taskdoc.readers.ocr_names import correct_units

GOLD = Path(__file__).parents[1] / "data" / "gold" / "000_c0ca6c59d42007b8.gold.json"
DPI = 200
SMUDGED = 5  # the row whose lead-unit cell is smudged on the scan


def _table() -> dict[str, Any]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return {**gold, "tasks": gold["tasks"][:8]}


def _scan(pdf: bytes, smudge: tuple[float, float, float, float]) -> bytes:
    """Each page as a 200 dpi grey image, one region smudged, wrapped as an image-only PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = []
    for index in range(len(document)):
        image = document[index].render(scale=DPI / 72).to_pil().convert("RGB")
        if index == 0:
            rng = random.Random(7)
            x0, top, x1, bottom = (round(v * DPI / 72) for v in smudge)
            for _ in range((x1 - x0) * (bottom - top) // 3):
                image.putpixel((rng.randrange(x0, x1), rng.randrange(top, bottom)), (90, 90, 90))
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue()


def _cell_of(pdf: bytes, text: str) -> tuple[float, float, float, float]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        found = page.search(text)
        assert found, text
        return (found[0]["x0"] - 2, found[0]["top"] - 2, found[0]["x1"] + 2, found[0]["bottom"] + 2)


@pytest.fixture(scope="module")
def scanned() -> taskdoc.ParsedPlan:
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is missing: run bin/ensure-system-packages")
    table = _table()
    pdf = build_pdf(table, font_size=10.5)
    smudged_unit = table["tasks"][SMUDGED - 1]["lead_units"][0]
    data = _scan(pdf, _cell_of(pdf, smudged_unit))
    return taskdoc.read(data, filename="扫描件.pdf")


@pytest.mark.slow
def test_a_scanned_table_is_read_row_by_row_with_its_units(scanned: taskdoc.ParsedPlan) -> None:
    gold = _table()["tasks"]
    assert [t.seq for t in scanned.tasks] == [t["seq"] for t in gold]
    right = [t for t, g in zip(scanned.tasks, gold, strict=True) if list(t.lead_units) == g["lead_units"]]
    assert len(right) >= 0.5 * len(gold)  # chi_sim misreads short names; see docs/benchmarks.md
    assert any(issue.code == OCR_USED for issue in scanned.issues)


@pytest.mark.slow
def test_a_smudged_cell_is_marked_on_its_row_for_the_office(scanned: taskdoc.ParsedPlan) -> None:
    marked = {i.seq for i in scanned.issues if i.code == OCR_LOW_CONFIDENCE}
    assert SMUDGED in marked
    assert len(marked) < len(scanned.tasks)  # not every row: the clean cells were read with confidence


def test_ruling_lines_are_found_and_strokes_of_text_are_not() -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (800, 400), 255)
    draw = ImageDraw.Draw(image)
    for y in (50, 120, 190):
        draw.line([(40, y), (760, y)], fill=0, width=2)
    for x in (40, 200, 760):
        draw.line([(x, 50), (x, 190)], fill=0, width=2)
    for k in range(12):  # a line of text: short strokes, close together
        draw.line([(230 + 20 * k, 80), (245 + 20 * k, 80)], fill=0, width=2)
        draw.line([(238 + 20 * k, 70), (238 + 20 * k, 95)], fill=0, width=2)
    draw.line([(400, 125), (400, 160)], fill=0, width=2)  # a stroke standing where a rule could be
    across, down = ocr.ruling_lines(image)
    assert sorted({y for y, _, _ in across}) == [50, 51, 120, 121, 190, 191]
    assert {x for x, _, _ in down} == {40, 41, 200, 201, 760, 761}


def test_what_ocr_cannot_tell_is_set_as_chinese_typesetting_has_it() -> None:
    assert ocr.tidy("各 镇《街道)") == "各镇（街道）"
    assert ocr.tidy("区委统战部（侨\n办）") == "区委统战部（侨办）"
    assert ocr.tidy("增长 5.5 % ，GDP growth") == "增长5.5%，GDP growth"


def test_a_misread_unit_name_is_put_right_from_standard_names_and_the_document() -> None:
    items = [("1", "甲", "工信和局\n丽务局\n区经发科", "民政局")] + [
        ("2", "乙", "园区经发科\n商务局", "财政局")
    ] * 2
    fixed, fixes = correct_units(items)
    assert fixes == {"工信和局": "工信局", "丽务局": "商务局", "区经发科": "园区经发科"}
    assert fixed[0] == ("1", "甲", "工信局\n商务局\n园区经发科", "民政局")  # 民政局 is a name: kept


def test_two_names_run_together_are_split_and_a_bracketed_office_put_right() -> None:
    items = [
        ("1", "甲", "财政局（国资办）区属国有企业", "区直有关单位"),
        ("2", "乙", "区委政法委员会公安分局", "各和群团组织"),
        ("3", "丙", "财政局（人金融办）", "政府办（国动办）"),
    ]
    fixed, _ = correct_units(items)
    assert fixed[0][2] == "财政局（国资办）\n区属国有企业"
    assert fixed[1][2:] == ("区委政法委员会\n公安分局", "各群团组织")
    assert fixed[2][2:] == ("财政局（金融办）", "政府办（国动办）")  # a real office of the same length: kept


def test_a_name_of_another_kind_of_body_is_not_a_misreading() -> None:
    items = [("1", "甲", "档案馆\n统计局", "区档案馆"), ("2", "乙", "档案局", "统计局")]
    fixed, fixes = correct_units(items)
    assert fixes == {}
    assert fixed == items


def test_a_section_gets_back_the_prefix_its_siblings_share_and_a_right_reading_stays() -> None:
    items = [("1", "甲", "区经发科\n园区环安科", "")] * 3 + [("2", "乙", "园区经发科", "")]
    fixed, fixes = correct_units(items)
    assert fixes == {
        "区经发科": "园区经发科"
    }  # the right reading, once, is not 'corrected' to the frequent one
    assert {item[2] for item in fixed} == {"园区经发科\n园区环安科", "园区经发科"}


def test_a_line_of_a_cell_the_block_reading_skipped_is_found_as_a_band_of_ink() -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (300, 200), 255)
    draw = ImageDraw.Draw(image)
    for top in (20, 60, 100):  # three lines of 'text', 26 px high
        for k in range(5):
            draw.rectangle([20 + 30 * k, top, 40 + 30 * k, top + 4], fill=0)
            draw.rectangle([28 + 30 * k, top + 10, 32 + 30 * k, top + 26], fill=0)
    assert ocr.ink_bands(image, 26) == [(20, 46), (60, 86), (100, 126)]
    read = [{"x0": 10 * ocr._PT, "x1": 30 * ocr._PT, "top": 21 * ocr._PT, "bottom": 45 * ocr._PT}]
    unread = list(ocr.unread_lines((0, 0, image), read))
    assert [(dy + ocr._MARGIN, piece.height - 2 * ocr._MARGIN) for _, dy, piece in unread] == [
        (54, 38),
        (94, 38),
    ]


def test_a_doubtful_cell_marks_the_row_and_field_it_was_read_into() -> None:
    plan = taskdoc.read(Path(__file__).parents[1] / "data" / "seeds" / "000_c0ca6c59d42007b8.txt")
    task = plan.tasks[4]
    marked = mark_doubtful(plan, [("\n".join(task.lead_units), 31)])
    issues = [i for i in marked.issues if i.seq is not None and i not in plan.issues]
    assert [(i.seq, i.field) for i in issues] == [(task.seq, "lead_units")]
    assert "31%" in issues[0].message
    assert issues[0].code == OCR_LOW_CONFIDENCE
    assert OCR_LOW_CONFIDENCE
    assert marked.tasks[4].issues[-1] == issues[0]


def test_another_real_name_one_character_away_is_kept() -> None:
    items = [("1", "甲", "区文投集团", "区政府办（外事办）")] * 3 + [("2", "乙", "区国投集团", "")]
    assert correct_units(items) == (items, {})
