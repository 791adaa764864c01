"""docs/benchmarks.md is made of named sections; each bench target replaces only its own, in place.

    <!-- bench:city -->
    ## City scale (PostgreSQL)

    Written by `make bench-city` on 2026-12-02 21:37 (Asia/Shanghai) · Machine: … · load average 1.2 / 0.9 / 0.7
    when it started (2 cores).
    …
    <!-- /bench:city -->

`make bench` writes one section per bench/bench_*.py (`bench:web`, `bench:taskdoc`, …), `make load` writes
`bench:load`, `make bench-city` `bench:city`, `make fuzz` `bench:fuzz`. A section not in the file yet is
appended; everything outside the markers (notes written by hand) stays as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def markers(name: str) -> tuple[str, str]:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise ValueError(f"a section name is lower-case letters, digits and dashes: {name!r}")
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def replace_section(text: str, name: str, body: str) -> str:
    """`text` with the section `name` holding `body` (replaced where it is, else appended at the end)."""
    begin, end = markers(name)
    block = f"{begin}\n{body.strip()}\n{end}"
    if not text.strip():
        text = HEADER
    if begin in text and end in text[text.index(begin) :]:
        start = text.index(begin)
        stop = text.index(end, start) + len(end)
        return text[:start] + block + text[stop:]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def write_section(name: str, body: str, path: Path = DOC) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    path.write_text(replace_section(text, name, body), encoding="utf-8")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.node()} — {cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def load_average() -> str:
    """The machine's load (1, 5, 15 minutes) — on a shared machine the numbers beside it depend on it."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def stamp(target: str, load: str | None = None) -> str:
    """The date-and-machine line each section starts with; `load` is the load average when the run began."""
    now = dt.datetime.now(dt.UTC).astimezone(SHANGHAI)
    return (
        f"Written by `{target}` on {now:%Y-%m-%d %H:%M} (Asia/Shanghai) · Machine: {machine()} · "
        f"load average {load or load_average()} (1 / 5 / 15 min) when it started."
    )
