"""The same table built as .docx, .xlsx and .pdf (merged cells, a page break inside) parses to the same tasks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from taskdoc_samples import build_docx, build_pdf, build_txt, build_xlsx

import taskdoc
from taskdoc.jsonout import plan_to_dict

GOLD = Path(__file__).parents[1] / "data" / "gold"
BUILDERS = {"txt": build_txt, "docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}
FIELDS = ("seq", "section", "text", "lead_units", "co_units", "leaders")


def _comparable(tasks: list[dict[str, Any]], *, printable_only: bool) -> list[dict[str, Any]]:
    out = []
    for task in tasks:
        row: dict[str, Any] = {
            k: (sorted(task[k]) if isinstance(task[k], list) and k != "section" else task[k]) for k in FIELDS
        }
        text = "".join(str(task["text"]).split())
        if printable_only:
            # reportlab's built-in STSong-Light cannot encode U+00B7 (·); it never reaches the PDF
            text = text.replace("·", "")
        row["text"] = text
        out.append(row)
    return out


@pytest.fixture(scope="module", params=["000_c0ca6c59d42007b8", "001_31585e46d2ea987c"])
def gold(request: pytest.FixtureRequest) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLD / f"{request.param}.gold.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_built_file_parses_to_the_gold_tasks(gold: dict[str, Any], fmt: str) -> None:
    data = BUILDERS[fmt](gold)
    parsed = plan_to_dict(taskdoc.read(data, filename=f"table.{fmt}"))
    printable_only = fmt == "pdf"
    assert _comparable(parsed["tasks"], printable_only=printable_only) == _comparable(
        gold["tasks"], printable_only=printable_only
    )
    assert parsed["columns"] == gold["columns"]
    assert parsed["document"] == gold["document"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_format_is_told_by_content_not_by_name(gold: dict[str, Any], fmt: str) -> None:
    data = BUILDERS[fmt](gold)
    plan = taskdoc.read(data, filename="upload.bin")
    assert len(plan.tasks) == len(gold["tasks"])


def test_docx_path_is_read_like_bytes(gold: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "分解表.docx"
    path.write_bytes(build_docx(gold))
    assert taskdoc.read(path).tasks == taskdoc.read(path.read_bytes(), filename="x.docx").tasks


def test_docx_two_level_header_with_merged_group_cell() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("2025年重点任务分解表")
    grid = document.add_table(rows=3, cols=5)
    top, sub, data = grid.rows
    for i, word in enumerate(["序号", "工作任务", "责任单位", "", "完成时限"]):
        top.cells[i].text = word
    top.cells[2].merge(top.cells[3])
    for i in (0, 1, 4):
        top.cells[i].merge(sub.cells[i])
    sub.cells[2].text, sub.cells[3].text = "牵头单位", "配合单位"
    for cell, value in zip(
        data.cells, ["1", "建成城市书房10个。", "区文旅局", "各街道办事处\n区财政局", "年底前"], strict=True
    ):
        cell.text = value
    out = io.BytesIO()
    document.save(out)
    plan = taskdoc.read(out.getvalue(), filename="two-level.docx")
    assert plan.column_roles == {
        "序号": "seq",
        "工作任务": "text",
        "牵头单位": "lead_units",
        "配合单位": "co_units",
        "完成时限": "deadline",
    }
    assert plan.tasks[0].co_units == ("各街道办事处", "区财政局")
    assert plan.tasks[0].deadline == "年底前"
