"""python -m taskdoc parse prints the plan as JSON in the gold schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
SEED = ROOT / "tests" / "data" / "seeds" / "001_31585e46d2ea987c.txt"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "taskdoc", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_parse_prints_the_gold_schema() -> None:
    done = _run("parse", str(SEED))
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert set(plan) >= {"document", "columns", "column_roles", "tasks"}
    task = plan["tasks"][0]
    assert set(task) >= {
        "seq",
        "section",
        "text",
        "lead_units",
        "co_units",
        "leaders",
        "deadline",
        "issues",
        "indicators",
    }
    assert plan["document"]["region"] == "鲤城区"


def test_region_and_year_arguments_override_the_document() -> None:
    plan = json.loads(_run("parse", str(SEED), "--region", "测试区", "--year", "2030").stdout)
    assert (plan["document"]["region"], plan["document"]["year"]) == ("测试区", 2030)


def test_importing_taskdoc_loads_no_heavy_reader() -> None:
    code = "import sys, taskdoc; print(any(m in sys.modules for m in ('pdfplumber', 'jieba', 'openpyxl', 'docx')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
