"""Old and WPS office formats: the seeds saved by LibreOffice as .doc and .xls read exactly as their gold
files say; .wps (WPS 文字 writes Word 97 binary) and .rtf read too; a missing or stuck LibreOffice gives a
clear reason. The .doc/.xls/.rtf files are made by LibreOffice at test time, one soffice call per format."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from taskdoc_samples import build_xlsx

import taskdoc
from taskdoc.jsonout import plan_to_dict
from taskdoc.readers import office

GOLD = Path(__file__).parents[1] / "data" / "gold"
SEEDS = ("000_c0ca6c59d42007b8", "001_31585e46d2ea987c")
SOFFICE = shutil.which("soffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is missing: run bin/ensure-system-packages"),
]


def _gold(seed: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{seed}.gold.json").read_text(encoding="utf-8"))


def _score(gold: dict[str, Any], plan: taskdoc.ParsedPlan) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(gold["tasks"], plan_to_dict(plan)["tasks"])


def _plain_docx(gold: dict[str, Any]) -> bytes:
    """The table as an office types it in Word: a title, a header row, section headings merged across,
    one paragraph per unit in a unit cell."""
    import docx

    document = docx.Document()
    document.add_paragraph(gold["document"]["title"])
    roles = [gold["column_roles"][c] for c in gold["columns"]]
    table = document.add_table(rows=1, cols=len(roles))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, gold["columns"], strict=True):
        cell.text = name
    current: list[str] = []
    for task in gold["tasks"]:
        for depth, heading in enumerate(task["section"]):
            if depth >= len(current) or current[depth] != heading:
                row = table.add_row()
                row.cells[0].merge(row.cells[-1]).text = heading
        current = list(task["section"])
        row = table.add_row()
        for cell, role in zip(row.cells, roles, strict=True):
            value = task[role]
            lines = value if isinstance(value, list) else [str(value)]
            cell.text = lines[0] if lines else ""
            for line in lines[1:]:
                cell.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _convert(folder: Path, target: str, files: list[Path]) -> None:
    profile = folder / "profile"
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        target,
    ]
    subprocess.run(
        [*command, "--outdir", str(folder), *map(str, files)], capture_output=True, timeout=300, check=True
    )


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seeds as .doc and the first as .xls, written by LibreOffice."""
    folder = tmp_path_factory.mktemp("office")
    words = []
    for seed in SEEDS:
        path = folder / f"{seed}.docx"
        path.write_bytes(_plain_docx(_gold(seed)))
        words.append(path)
    sheet = folder / f"{SEEDS[0]}.xlsx"
    sheet.write_bytes(build_xlsx(_gold(SEEDS[0])))
    _convert(folder, "doc", words)
    _convert(folder, "xls:MS Excel 97", [sheet])
    return folder


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_saved_as_doc_reads_at_one_on_every_field(saved: Path, seed: str) -> None:
    plan = taskdoc.read(saved / f"{seed}.doc")
    result = _score(_gold(seed), plan)
    assert result["scores"] == dict.fromkeys(result["scores"], 1.0), result["mismatches"]


def test_a_seed_saved_as_xls_reads_at_one_on_every_field(saved: Path) -> None:
    plan = taskdoc.read(saved / f"{SEEDS[0]}.xls")
    result = _score(_gold(SEEDS[0]), plan)
    assert result["scores"] == dict.fromkeys(result["scores"], 1.0), result["mismatches"]


def test_a_wps_file_in_word_97_format_reads_like_the_doc(saved: Path) -> None:
    data = (saved / f"{SEEDS[1]}.doc").read_bytes()
    assert plan_to_dict(taskdoc.read(data, filename="分解表.wps")) == plan_to_dict(
        taskdoc.read(data, filename="分解表.doc")
    )


def test_without_libreoffice_an_old_sheet_is_refused_with_what_to_do(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda name: None)  # type: ignore[attr-defined]
    with pytest.raises(taskdoc.TaskdocError, match="服务器未安装 LibreOffice"):
        taskdoc.read(saved / f"{SEEDS[0]}.xls")


def test_a_conversion_past_its_time_limit_is_stopped(saved: Path) -> None:
    with pytest.raises(taskdoc.TaskdocError, match="转换超时"):
        office.convert((saved / f"{SEEDS[0]}.xls").read_bytes(), "sheet", seconds=0.2)
