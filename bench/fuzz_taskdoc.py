"""Fuzz taskdoc: mutated documents of every format through the isolated reader (`make fuzz`).

    .venv/bin/python bench/fuzz_taskdoc.py [--n 10000] [--seconds 30] [--budget 0] [--seed 1] [--workers 2]

Each document is a seed table built as .txt, .docx, .xlsx, .pdf, .ofd, a scanned (image-only) PDF (and
.doc/.xls when LibreOffice is there), then mutated: bytes flipped, cut, duplicated or spliced for every
format, and for the zip formats the same done to one XML part which is zipped again (so the mutation
reaches the XML parser instead of failing the zip's checksum). Every document is read by the isolated
reader's own worker (taskdoc.worker.main: rlimits on memory and CPU, its own session, killed with its
process group at the time limit, the result unpickled by taskdoc.isolation.outcome) — but forked from a
warm process that has taskdoc and its libraries imported instead of started afresh, which is what made
the first run reach only 531 documents. A pool of --workers such processes (niced) reads in parallel.
Each document is counted as a result, a clean refusal (a TaskdocError naming the problem), stopped at
the memory/CPU limit, a crash (the worker died with a traceback or a signal of its own) or a hang
(stopped at the wall-clock limit). Crashes and hangs are kept in $TMPDIR/taskdoc-fuzz for replay.
Writes the counts as markdown to bench/fuzz_results.md and into the <!-- bench:fuzz --> section of
docs/benchmarks.md, and exits 1 on any crash or hang.
--budget stops after that many seconds (0: no budget), saying how many documents it reached.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import importlib.util
import io
import json
import multiprocessing
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "taskdoc"))
sys.path.insert(0, str(ROOT / "bench"))
OUT = Path(tempfile.gettempdir()) / "taskdoc-fuzz"
RESULTS = ROOT / "bench" / "fuzz_results.md"

from sections import load_average, stamp, write_section  # noqa: E402

import taskdoc  # noqa: E402
from taskdoc import isolation, worker  # noqa: E402


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


def scanned(pdf: bytes) -> bytes:
    """The first page of a PDF as a scan: rendered at 200 dpi, its top third (the title, the header and
    the first rows) kept, wrapped image-only."""
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    half: Image.Image = image.crop((0, 0, image.width, image.height // 3))
    out = io.BytesIO()
    half.save(out, format="PDF", resolution=200)
    return out.getvalue()


def outcome(data: bytes, fmt: str, seconds: float) -> str:
    """How reading one document ended: result, refused, limit, crash or hang."""
    suffix = "pdf" if fmt == "scan" else fmt
    request = {"filename": f"fuzz.{suffix}", "region": None, "year": None, "memory_mb": 1024,
               "cpu_seconds": int(seconds) + 5, "seconds": seconds}  # fmt: skip
    status, output = forked(json.dumps(request).encode() + b"\n" + data, seconds)
    if status is None:
        return "hang"
    try:
        isolation.outcome(status, output)
    except taskdoc.TaskdocError as error:
        text = str(error)
        if "超出时间或内存限制" in text:
            return "limit"
        if "读取进程异常退出" in text or "无效结果" in text:
            return "crash"
        return "hang" if text.startswith("文件读取超时") else "refused"
    except Exception:  # the parent side must never raise anything else either
        return "crash"
    return "result"


def forked(payload: bytes, seconds: float) -> tuple[int | None, bytes]:
    """taskdoc.worker.main in a child forked from this warm process, as isolation runs it in a fresh
    one: (exit status as Popen gives it, what it wrote), or (None, b"") when stopped at the time limit."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(payload, read_end, write_end)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([pipe], [], [], left)
            if not ready:
                break
            chunk = pipe.read(1 << 16)
            if not chunk:
                _, status = os.waitpid(pid, 0)
                return os.waitstatus_to_exitcode(status), b"".join(chunks)
            chunks.append(chunk)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None, b""


def _child(payload: bytes, read_end: int, write_end: int) -> NoReturn:
    code = 1
    try:
        os.setsid()
        os.close(read_end)
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 2)
        sys.stdin = io.TextIOWrapper(io.BytesIO(payload))
        sys.stdout = io.TextIOWrapper(os.fdopen(write_end, "wb"))
        code = worker.main()
        sys.stdout.flush()
    except BaseException:
        code = 1
    os._exit(code)


def _warm() -> None:
    """A pool process: niced, with every reader and its libraries imported once, before any fork."""
    os.nice(10)
    for name in ("text", "docx", "xlsx", "pdf", "ocr", "ofd", "doc", "office"):
        importlib.import_module(f"taskdoc.readers.{name}")
    for name in ("pdfplumber", "pypdfium2", "openpyxl", "olefile", "PIL.Image"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    with contextlib.suppress(taskdoc.TaskdocError):  # the pipeline and the indicator rules, loaded once
        taskdoc.read(
            "序号 工作任务 牵头单位\n1 全区生产总值增长6%左右 发改局\n".encode(), filename="warm.txt"
        )


def _one(job: tuple[int, str, bytes, float]) -> tuple[int, str, str]:
    i, fmt, data, seconds = job
    result = outcome(data, fmt, seconds)
    if result in ("crash", "hang"):
        suffix = "pdf" if fmt == "scan" else fmt
        (OUT / f"{result}-{i}.{suffix}").write_bytes(data)
    return i, fmt, result


def documents(n: int, seed: int, seconds: float) -> Iterator[tuple[int, str, bytes, float]]:
    rng = random.Random(seed)
    bases_ = bases()
    bases_["scan"] = scanned(bases_["pdf"])
    formats = sorted(bases_)
    for i in range(n):
        fmt = formats[i % len(formats)]
        base = bases_[fmt]
        zipped = base.startswith(b"PK") and rng.random() < 0.7
        yield i, fmt, (mutate_zip(base, rng) if zipped else mutate(base, rng)), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--budget", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    OUT.mkdir(exist_ok=True)
    start = time.monotonic()
    load = load_average()
    jobs = documents(args.n, args.seed, args.seconds)
    pending: collections.deque[Any] = collections.deque()
    with multiprocessing.get_context("fork").Pool(args.workers, initializer=_warm) as pool:
        for job in jobs:
            if args.budget and time.monotonic() - start > args.budget:
                break
            pending.append(pool.apply_async(_one, (job,)))
            while len(pending) >= 2 * args.workers:
                _count(pending.popleft().get(), counts)
        while pending:
            _count(pending.popleft().get(), counts)
    done = sum(sum(c.values()) for c in counts.values())
    report = _report(dict(sorted(counts.items())), done, args, time.monotonic() - start)
    RESULTS.write_text(report, encoding="utf-8")
    title, _, rest = report.partition("\n")
    write_section("fuzz", f"{title}\n\n{stamp('make fuzz', load)}\n{rest}")
    print(report)
    bad = sum(c["crash"] + c["hang"] for c in counts.values())
    return 1 if bad else 0


def _count(done: tuple[int, str, str], counts: dict[str, collections.Counter[str]]) -> None:
    i, fmt, result = done
    counts[fmt][result] += 1
    if result in ("crash", "hang"):
        print(f"{result}: document {i} ({fmt}) kept in {OUT}", file=sys.stderr, flush=True)
    total = sum(sum(c.values()) for c in counts.values())
    if total % 250 == 0:
        print(
            f"{total} documents: {dict(sum(counts.values(), collections.Counter()))}",
            file=sys.stderr,
            flush=True,
        )


def _report(counts: dict[str, collections.Counter[str]], done: int, args: Any, elapsed: float) -> str:
    now = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8)))
    lines = [
        "## taskdoc fuzz (`make fuzz`)",
        "",
        f"Run {now:%Y-%m-%d %H:%M} (Asia/Shanghai): {done:,} of {args.n:,} mutated documents "
        f"(seed {args.seed}, {args.seconds:g} s limit each, {elapsed / 60:.0f} min"
        + (f", stopped by a {args.budget:g} s budget" if done < args.n else "")
        + f", {args.workers} workers), each through taskdoc's isolated worker (forked warm, rlimits, "
        "process group killed at the limit).",
        "",
        "| format | documents | result | clean refusal | stopped at memory/CPU limit | crash | hang |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: collections.Counter[str] = collections.Counter()
    for fmt, count in counts.items():
        total.update(count)
        lines.append(
            f"| {fmt} | {sum(count.values()):,} | {count['result']:,} | {count['refused']:,} | "
            f"{count['limit']:,} | {count['crash']:,} | {count['hang']:,} |"
        )
    lines.append(
        f"| all | {sum(total.values()):,} | {total['result']:,} | {total['refused']:,} | "
        f"{total['limit']:,} | {total['crash']:,} | {total['hang']:,} |"
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
