"""Fuzz taskdoc: mutated documents of every format through the isolated reader (`make fuzz`).

    .venv/bin/python bench/fuzz_taskdoc.py [--n 10000] [--seconds 30] [--budget 0] [--seed 1]

Each document is a seed table built as .txt, .docx, .xlsx, .pdf, .ofd (and .doc/.xls when LibreOffice is
there), then mutated: bytes flipped, cut, duplicated or spliced for every format, and for the zip
formats the same done to one XML part which is zipped again (so the mutation reaches the XML parser
instead of failing the zip's checksum). Every document goes through taskdoc.read_isolated, one at a
time, and is counted as a result, a clean refusal (a TaskdocError naming the problem), a crash (the
worker died with a traceback or a signal) or a hang (stopped at the time limit). Crashes and hangs are
kept in $TMPDIR/taskdoc-fuzz for replay. Writes the counts as markdown to bench/fuzz_results.md and to its
own section of docs/benchmarks.md (`<!-- bench:fuzz -->`, see bench/sections.py) and exits 1 on any crash
or hang.
--budget stops after that many seconds (0: no budget), saying how many documents it reached.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "taskdoc"))
sys.path.insert(0, str(ROOT / "bench"))
OUT = Path(tempfile.gettempdir()) / "taskdoc-fuzz"
RESULTS = ROOT / "bench" / "fuzz_results.md"

from sections import load_average, stamp, write_section  # noqa: E402

import taskdoc  # noqa: E402


def _module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "taskdoc" / f"{name}.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bases() -> dict[str, bytes]:
    """One small seed table (the first 12 rows of seed 001) in every format."""
    samples, ofd = _module("taskdoc_samples"), _module("ofd_writer")
    gold = json.loads((ROOT / "tests/data/gold/001_31585e46d2ea987c.gold.json").read_text(encoding="utf-8"))
    table = {**gold, "tasks": gold["tasks"][:12]}
    out = {fmt: getattr(samples, f"build_{fmt}")(table) for fmt in ("txt", "docx", "xlsx", "pdf")}
    out["ofd"] = ofd.to_ofd(table)
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            (work / "t.docx").write_bytes(out["docx"])
            (work / "t.xlsx").write_bytes(out["xlsx"])
            profile = f"-env:UserInstallation={(work / 'lo').as_uri()}"
            for target, source in (("doc", "t.docx"), ("xls:MS Excel 97", "t.xlsx")):
                subprocess.run(
                    [
                        soffice,
                        profile,
                        "--headless",
                        "--convert-to",
                        target,
                        "--outdir",
                        folder,
                        str(work / source),
                    ],
                    capture_output=True,
                    timeout=300,
                    check=False,
                )
            for fmt in ("doc", "xls"):
                if (work / f"t.{fmt}").exists():
                    out[fmt] = (work / f"t.{fmt}").read_bytes()
    return out


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        action = rng.choice(("flip", "cut", "duplicate", "splice", "insert", "zero"))
        at = rng.randrange(len(buf)) if buf else 0
        size = rng.choice((1, 4, 64, 1024))
        if action == "flip" and buf:
            buf[at] ^= 1 << rng.randrange(8)
        elif action == "cut":
            del buf[at : at + size]
        elif action == "duplicate":
            buf[at:at] = buf[at : at + size] * rng.randint(2, 50)
        elif action == "splice" and buf:
            other = rng.randrange(len(buf))
            buf[at : at + size] = buf[other : other + size]
        elif action == "insert":
            buf[at:at] = rng.choice(
                (b"\x00", b"\xff" * 9, b"<<", b">>", b"<w:p>", b"&amp;", "（局".encode(), b"\r\n")
            )
        elif action == "zero":
            buf[at : at + size] = bytes(len(buf[at : at + size]))
    return bytes(buf)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = [name for name in members if name.endswith((".xml", ".rels"))]
    name = rng.choice(xml)
    members[name] = mutate(members[name], rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, body in members.items():
            archive.writestr(member, body)
    return out.getvalue()


def outcome(data: bytes, fmt: str, seconds: float) -> str:
    try:
        taskdoc.read_isolated(data, filename=f"fuzz.{fmt}", limits=taskdoc.Limits(seconds=seconds))
    except taskdoc.TaskdocError as error:
        text = str(error)
        if text.startswith("文件读取超时"):
            return "hang"
        if "读取进程异常退出" in text or "无效结果" in text:
            return "crash"
        return "refused"
    except Exception:  # the parent side must never raise anything else either
        return "crash"
    return "result"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--budget", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    documents = bases()
    formats = sorted(documents)
    counts: dict[str, collections.Counter[str]] = {fmt: collections.Counter() for fmt in formats}
    OUT.mkdir(exist_ok=True)
    start = time.monotonic()
    load = load_average()
    done = 0
    for i in range(args.n):
        if args.budget and time.monotonic() - start > args.budget:
            break
        fmt = formats[i % len(formats)]
        base = documents[fmt]
        zipped = base.startswith(b"PK") and rng.random() < 0.7
        data = mutate_zip(base, rng) if zipped else mutate(base, rng)
        result = outcome(data, fmt, args.seconds)
        counts[fmt][result] += 1
        done += 1
        if result in ("crash", "hang"):
            (OUT / f"{result}-{i}.{fmt}").write_bytes(data)
            print(f"{result}: {OUT / f'{result}-{i}.{fmt}'}", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - start
    report = _report(counts, done, args, elapsed)
    RESULTS.write_text(report, encoding="utf-8")
    title, _, rest = report.partition("\n")
    write_section("fuzz", f"{title}\n\n{stamp('make fuzz', load)}\n{rest}")
    print(report)
    bad = sum(c["crash"] + c["hang"] for c in counts.values())
    return 1 if bad else 0


def _report(counts: dict[str, collections.Counter[str]], done: int, args: Any, elapsed: float) -> str:
    now = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8)))
    lines = [
        "## taskdoc fuzz (`make fuzz`)",
        "",
        f"Run {now:%Y-%m-%d %H:%M} (Asia/Shanghai): {done:,} of {args.n:,} mutated documents "
        f"(seed {args.seed}, {args.seconds:g} s limit each, {elapsed / 60:.0f} min"
        + (f", stopped by a {args.budget:g} s budget" if done < args.n else "")
        + "), each through `taskdoc.read_isolated`.",
        "",
        "| format | documents | result | clean refusal | crash | hang |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    total: collections.Counter[str] = collections.Counter()
    for fmt, count in counts.items():
        total.update(count)
        lines.append(
            f"| {fmt} | {sum(count.values()):,} | {count['result']:,} | {count['refused']:,} | "
            f"{count['crash']:,} | {count['hang']:,} |"
        )
    lines.append(
        f"| all | {sum(total.values()):,} | {total['result']:,} | {total['refused']:,} | "
        f"{total['crash']:,} | {total['hang']:,} |"
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
