"""`make bench`: run every bench/bench_*.py and write docs/benchmarks.md with the machine and the date.

Each benchmark script prints a markdown section to stdout. Speed is measured here, never in tests.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def main() -> int:
    sections: list[str] = []
    failed = False
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        print(f"running {script.name} …", file=sys.stderr)
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            failed = True
            sections.append(f"## {script.stem}\n\nFAILED:\n\n```\n{result.stderr[-2000:]}\n```\n")
        else:
            body = result.stdout.strip()
            if not body.startswith("#"):
                body = f"## {script.stem.removeprefix('bench_')}\n\n{body}"
            sections.append(body + "\n")
    now = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8)))
    header = (
        "# Benchmarks\n\n"
        f"Written by `make bench` on {now:%Y-%m-%d %H:%M} (Asia/Shanghai).\n\n"
        f"Machine: {machine()}.\n\n"
    )
    out = ROOT / "docs" / "benchmarks.md"
    out.write_text(header + "\n".join(sections), encoding="utf-8")
    print(out.read_text(encoding="utf-8"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
