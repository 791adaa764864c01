"""Parse time per format: seed 000 as .txt, .docx, .xlsx, .pdf, .ofd, .doc and .xls (LibreOffice), and
OCR time per page of a scanned copy (two pages at 200 dpi). Each parse goes through taskdoc.read_isolated,
as the command line and the import do, so the times include the worker process (about half a second).
Prints a markdown section to stdout.

    .venv/bin/python bench/bench_formats.py
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "taskdoc"))
GOLD = ROOT / "tests" / "data" / "gold" / "000_c0ca6c59d42007b8.gold.json"

import taskdoc  # noqa: E402


def documents(gold: dict[str, Any], folder: Path) -> dict[str, bytes]:
    from ofd_writer import to_ofd
    from taskdoc_samples import build_docx, build_pdf, build_txt, build_xlsx

    out = {
        "txt": build_txt(gold),
        "docx": build_docx(gold),
        "xlsx": build_xlsx(gold),
        "pdf": build_pdf(gold),
        "ofd": to_ofd(gold),
    }
    soffice = shutil.which("soffice")
    if soffice:
        (folder / "t.docx").write_bytes(out["docx"])
        (folder / "t.xlsx").write_bytes(out["xlsx"])
        profile = f"-env:UserInstallation={(folder / 'lo').as_uri()}"
        for target, source in (("doc", "t.docx"), ("xls:MS Excel 97", "t.xlsx")):
            subprocess.run(
                [
                    soffice,
                    profile,
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(folder),
                    str(folder / source),
                ],
                capture_output=True,
                timeout=300,
                check=False,
            )
        for fmt in ("doc", "xls"):
            if (folder / f"t.{fmt}").exists():
                out[fmt] = (folder / f"t.{fmt}").read_bytes()
    return out


def scanned(pdf: bytes, pages: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = [document[i].render(scale=200 / 72).to_pil().convert("RGB") for i in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def timed(data: bytes, name: str) -> tuple[float, int]:
    start = time.perf_counter()
    plan = taskdoc.read_isolated(data, filename=name)
    return time.perf_counter() - start, len(plan.tasks)


def main() -> int:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    print("## taskdoc formats (seed 000, 110 rows; through the isolated reader)\n")
    print("| format | rows read | parse time |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        docs = documents(gold, Path(folder))
    for fmt, data in docs.items():
        seconds, rows = timed(data, f"seed.{fmt}")
        print(f"| {fmt} | {rows} | {seconds:.1f} s |")
    if shutil.which("tesseract"):
        pages = 2
        seconds, rows = timed(scanned(docs["pdf"], pages), "scan.pdf")
        print(
            f"| scanned pdf (OCR, {pages} pages at 200 dpi) | {rows} | {seconds:.1f} s ({seconds / pages:.1f} s a page) |"
        )
    print(
        "\n.doc is read directly (its piece table); .xls goes through LibreOffice (a fresh profile each time)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
