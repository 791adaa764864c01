"""Parse time and peak memory of taskdoc: the two seeds, and generated tables of 1,000 and 10,000 rows
in .txt, .docx, .xlsx and .pdf. Prints a markdown table to stdout.

    .venv/bin/python bench/bench_taskdoc.py [--sizes 1000 10000] [--formats txt docx xlsx pdf]

Each case runs in its own process (so one case's caches and memory do not colour the next): the file
is parsed once to time it, then once more under tracemalloc for the peak of Python allocations; the
process's peak resident size (ru_maxrss, interpreter and libraries included) is reported as well.
Generated files are cached in $TMPDIR/taskdoc-bench so a rerun only measures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
CACHE = Path(tempfile.gettempdir()) / "taskdoc-bench"
LIMITS = {"seed_ms": 100, "scaling": 12, "peak_mb": 300}

WARMUP = ROOT / "tests" / "taskdoc" / "corpus" / "should_parse" / "tab_rows_notice.txt"

# The child first parses a small, different sample: that pays the one-off cost of lazy imports and
# regular-expression compilation (reported as "first call"), without warming the caches for the file
# being measured.
_CHILD = """
import importlib, json, resource, sys, time, tracemalloc
sys.path.insert(0, {root!r})
import taskdoc
start = time.perf_counter()
taskdoc.read(open({warmup!r}, "rb").read(), filename="warmup.txt")
first = time.perf_counter() - start
importlib.import_module("taskdoc.readers." + {module!r})
data = open({path!r}, "rb").read()
start = time.perf_counter()
plan = taskdoc.read(data, filename={name!r})
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
taskdoc.read(data, filename={name!r})
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({{"seconds": seconds, "rows": len(plan.tasks), "peak": peak, "rss": rss, "first": first}}))
"""


def _samples() -> Any:
    spec = importlib.util.spec_from_file_location(
        "taskdoc_samples", ROOT / "tests" / "taskdoc" / "taskdoc_samples.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_table(rows: int) -> dict[str, Any]:
    """A plausible decomposition table: headings every 25 rows, 1-3 lead and co units, 1-2 leaders."""
    units = [f"区{a}{b}局" for a in "发改工信财政商务住建农水教育卫健民政文旅" for b in "一二三"]
    groups = ["各镇（街道）", "区直有关单位", "各街道办事处"]
    leaders = ["曾国志", "王伟", "李超端", "吴超鹏", "张剑辉", "陈颖"]
    tasks = []
    for i in range(1, rows + 1):
        outer = (i - 1) // 250
        inner = (i - 1) // 25
        tasks.append(
            {
                "seq": i,
                "section": [
                    f"{_cn(outer + 1)}、第{outer + 1}部分重点工作",
                    f"（{_cn(inner % 10 + 1)}）第{inner + 1}组任务",
                ],
                "text": f"实施第{i}项重点工作，推进项目建设{i % 90 + 10}个，力争全年投资增长{i % 9 + 1}.5%，"
                f"加快推动产业转型升级和城市品质提升，确保各项任务按期完成。",
                "lead_units": [units[(i * 7 + k) % len(units)] for k in range(1 + i % 3)],
                "co_units": [units[(i * 11 + 5) % len(units)], groups[i % 3]][: 1 + i % 2],
                "leaders": [leaders[i % 6], leaders[(i + 2) % 6]][: 1 + i % 2],
            }
        )
    return {
        "document": {
            "issuer": "某某区人民政府办公室",
            "doc_number": "某政办〔2026〕8号",
            "title": "某某区人民政府办公室关于印发2026年重点工作任务分解表的通知",
            "date": "2026-02-01",
            "year": 2026,
            "region": "某某区",
        },
        "columns": ["序号", "工作任务", "牵头单位", "配合单位", "分管领导"],
        "column_roles": {
            "序号": "seq",
            "工作任务": "text",
            "牵头单位": "lead_units",
            "配合单位": "co_units",
            "分管领导": "leaders",
        },
        "tasks": tasks,
    }


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n <= 10:
        return "十" if n == 10 else digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def _file(fmt: str, rows: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"table-{rows}.{fmt}"
    if not path.exists():
        build = getattr(_samples(), f"build_{fmt}")
        path.write_bytes(build(generated_table(rows)))
    return path


def measure(path: Path, fmt: str) -> dict[str, Any]:
    module = {"txt": "text"}.get(fmt, fmt)
    code = _CHILD.format(root=str(ROOT), warmup=str(WARMUP), module=module, path=str(path), name=f"x.{fmt}")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=["txt", "docx", "xlsx", "pdf"])
    args = parser.parse_args()
    print(
        "| case | format | rows | parse time | peak Python memory (tracemalloc) | process peak RSS | check |"
    )
    print("|---|---|---:|---:|---:|---:|---|")
    for seed in SEEDS:
        result = measure(seed, "txt")
        ok = result["seconds"] * 1000 < LIMITS["seed_ms"]
        _row(f"seed {seed.stem[:3]}", "txt", result, f"{'ok' if ok else 'SLOW'} (< {LIMITS['seed_ms']} ms)")
    for fmt in args.formats:
        times: dict[int, float] = {}
        for size in sorted(args.sizes):
            path = _file(fmt, size)
            result = measure(path, fmt)
            times[size] = result["seconds"]
            under = max(result["peak"], result["rss"] * 1024) < LIMITS["peak_mb"] * 2**20
            checks = [f"{'ok' if under else 'OVER'} (< {LIMITS['peak_mb']} MB)"]
            if size == max(args.sizes) and min(args.sizes) in times and size != min(args.sizes):
                ratio = times[size] / times[min(args.sizes)]
                verdict = "ok" if ratio <= LIMITS["scaling"] else "OVER"
                checks.append(
                    f"{verdict}: {ratio:.1f}× the {min(args.sizes):,}-row time (≤ {LIMITS['scaling']}×)"
                )
            _row("generated", fmt, result, "; ".join(checks))
    print(
        f"\nFirst call in a fresh process (lazy imports, regex compilation; a small sample): {result['first'] * 1000:.0f} ms."
    )
    return 0


def _row(case: str, fmt: str, result: dict[str, Any], check: str) -> None:
    seconds = result["seconds"]
    shown = f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"
    rss = result["rss"] / 1024  # ru_maxrss is in KiB on Linux; includes the interpreter and libraries
    print(
        f"| {case} | {fmt} | {result['rows']:,} | {shown} | {result['peak'] / 2**20:.1f} MB | {rss:.0f} MB | {check} |"
    )


if __name__ == "__main__":
    sys.exit(main())
