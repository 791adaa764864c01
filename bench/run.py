"""`make bench`: run every bench/bench_*.py and write each one's section of docs/benchmarks.md.

Each benchmark script prints a markdown section (starting with its `## title`) to stdout; it goes between
`<!-- bench:NAME -->` markers (NAME: the script's name without `bench_`, and `-pg` when BENCH_DATABASE_URL
points at PostgreSQL), replaced in place — the other targets' sections (`make load`, `make bench-city`,
`make fuzz`) and the notes written by hand stay. Speed is measured here, never in tests.

When PostgreSQL answers at 127.0.0.1:5432, the city scale (bench/city.py: the dashboard, the cockpit and the
city view at 12 regions × 150 tasks × 5 years) is measured too, as `make bench-city` does; BENCH_CITY=0 skips it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from sections import DOC, load_average, machine, stamp, write_section  # noqa: E402

__all__ = ["machine", "main", "section_name"]


def section_name(script: Path) -> str:
    name = script.stem.removeprefix("bench_").replace("_", "-")
    if os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres"):
        name += "-pg"
    return name


def with_stamp(body: str, line: str) -> str:
    """The script's section with the date-and-machine line under its title."""
    title, _, rest = body.partition("\n")
    if not title.startswith("#"):
        return f"{line}\n\n{body}"
    return f"{title}\n\n{line}\n\n{rest.lstrip(chr(10))}"


def main() -> int:
    failed = False
    only = set(sys.argv[1:])  # `bench/run.py web taskdoc` runs only those
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        name = section_name(script)
        if only and script.stem.removeprefix("bench_") not in only:
            continue
        print(f"running {script.name} → bench:{name} …", file=sys.stderr)
        load = load_average()
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True)
        body = result.stdout.strip()
        if result.returncode != 0:
            failed = True
            body = f"## {script.stem}\n\nFAILED:\n\n```\n{result.stderr[-2000:]}\n```"
        elif not body.startswith("#"):
            body = f"## {script.stem.removeprefix('bench_')}\n\n{body}"
        write_section(name, with_stamp(body, stamp("make bench", load)))
    if (not only or "city" in only) and os.environ.get("BENCH_CITY", "1") != "0" and _postgres_answers():
        print("running city.py → bench:city (PostgreSQL) …", file=sys.stderr)
        city = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "city.py")],
            cwd=ROOT,
            env={**os.environ, "BENCH_BY": "make bench"},
        )
        failed |= city.returncode != 0
    elif not only or "city" in only:
        print(
            "bench:city skipped: no PostgreSQL at 127.0.0.1:5432 (its section is kept as it was)",
            file=sys.stderr,
        )
    print(DOC.read_text(encoding="utf-8"))
    return 1 if failed else 0


def _postgres_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
