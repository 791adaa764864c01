"""`make load`: deadline day against duban under gunicorn, with locust (headless, loopback only, bounded).

A scratch database with the demo data; duban and a bare Django read+write view (bench/load/bare.py) each under
gunicorn with the same options (workers, timeout) on the same database (the bare view's one table lives in
duban's database: the same SQLite file, or the same PostgreSQL database); USERS liaisons log in, then for SECONDS open
我的待办 and file (a reading, a photo for a third of them, "no change" for half where offered); then USERS
bare users post to the bare view for SECONDS. Checks: 0 errors, every accepted report in the database,
duban's request rate ≥ 50 % of the bare view's. Writes its section of docs/benchmarks.md (`bench:load`).

With --via api, THREADS liaisons' apps (default 32; bench/load/threads.py, plain threads: one locust process
parsing every 30 KB list was itself the limit, at 100 % of a core) ask the API for 我的待办 and file the first
item due — the shape of ../shared/acceptance/operations-load — and the section is `bench:load-api`.
usage: bench/load/run.py [--users 200] [--seconds 60] [--workers 3] [--db pg|sqlite] [--via pages|api]
                         [--threads 32] [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import runpy
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "Load-pass-2026"
TARGET = 0.5  # duban's request rate, as a share of the bare view's
sys.path.insert(0, str(ROOT / "bench"))

from sections import load_average, stamp, write_section  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int) -> None:
    for _ in range(240):
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"nothing answers on 127.0.0.1:{port}")


def pg_fresh(name: str) -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
        c.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def demo_database(env: dict[str, str], accounts: Path) -> None:
    """duban's tables and the demo data, its accounts (with PASSWORD) written to `accounts`."""
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    with open(accounts, "w") as out:
        subprocess.run(
            [PY, "manage.py", "demo", "--password", PASSWORD, "--json"],
            cwd=ROOT,
            env=env,
            stdout=out,
            check=True,
        )


def gunicorn(
    port: int, workers: int, model: list[str], app: list[str], env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    """One of the two servers, with the same options as the other."""
    command = [
        PY,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        *model,
        *app,
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=open(log, "w"))


def production_worker_model() -> list[str]:
    """deploy/gunicorn.conf.py's kind of worker (threads, keep-alive): both servers run as production does; only
    the number of workers is the run's own (--workers, 3 as the project's outside check)."""
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    return [
        "--worker-class",
        str(conf["worker_class"]),
        "--threads",
        str(conf.get("threads", 1)),
        "--keep-alive",
        str(conf["keepalive"]),
    ]


def stats(prefix: Path) -> tuple[float, int, int, dict[str, tuple[float, float]]]:
    """(req/s without the log-in, requests, failures, {name: (median ms, p95 ms)}) from locust's CSV."""
    rate, count, failures, latency = 0.0, 0, 0, {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated" or row["Name"].startswith("login"):
                continue
            rate += float(row["Requests/s"])
            count += int(row["Request Count"])
            failures += int(row["Failure Count"])
            latency[row["Name"]] = (float(row["Median Response Time"]), float(row["95%"]))
    return rate, count, failures, latency


def locust(user_class: str, host: str, users: int, seconds: int, prefix: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [
            PY,
            "-m",
            "locust",
            "-f",
            str(HERE / "locustfile.py"),
            user_class,
            "--headless",
            "--only-summary",
            "-u",
            str(users),
            "-r",
            str(max(users // 10, 1)),
            "--run-time",
            f"{seconds + 600}s",
            "--stop-timeout",
            "10",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        env={**env, "LOAD_SECONDS": str(seconds)},
        check=False,
        timeout=seconds + 900,
    )


def threads(mode: str, port: int, scratch: Path, args: Any, env: dict[str, str]) -> dict[str, Any]:
    """bench/load/threads.py against one server; its one JSON line."""
    out = subprocess.run(
        [
            PY,
            str(HERE / "threads.py"),
            mode,
            f"http://127.0.0.1:{port}",
            str(scratch / "accounts.json"),
            PASSWORD,
            str(args.seconds),
            str(args.threads),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=args.seconds + 600,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def from_threads(result: dict[str, Any]) -> tuple[float, int, int, dict[str, tuple[float, float]]]:
    """What stats() reads from locust's CSV, from threads.py's line."""
    latency = {k: (float(v[0]), float(v[1])) for k, v in result["latency"].items()}
    return float(result["req_per_s"]), int(result["requests"]), int(result["failures"]), latency


def in_database(env: dict[str, str], filed: Path) -> int:
    """How many of the accepted filings have their report in the database: by report id where the client knew
    it (the API answers it: "task period id"), else by (task, period) ("task period" or "task period user")."""
    code = (
        "from progress.models import ProgressReport as R; "
        f"lines = [l.split() for l in open({str(filed)!r}) if l.strip()]; "
        "ids = [int(l[2]) for l in lines if len(l) > 2 and l[2].isdigit()]; "
        "pairs = {(int(l[0]), int(l[1])) for l in lines if len(l) == 2 or not l[2].isdigit()}; "
        "have = set(R.objects.values_list('task_id', 'period_id')) if pairs else set(); "
        "print('FOUND', R.objects.filter(pk__in=ids).count() + len(pairs & have))"
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    # the shell may print other lines (Django 5.2 lists what it imported): the count is on the FOUND line
    found = [line.split()[1] for line in out.stdout.splitlines() if line.startswith("FOUND ")]
    if not found:
        raise SystemExit(f"counting the filed reports failed: {out.stderr[-500:] or out.stdout[-500:]}")
    return int(found[-1])


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--workers", type=int, default=3)
    # the deadline day happens on a district's server: the production stack, PostgreSQL (docs/decisions/0017)
    ap.add_argument("--db", choices=["sqlite", "pg"], default="pg")
    ap.add_argument("--via", choices=["pages", "api"], default="pages")
    ap.add_argument("--threads", type=int, default=32, help="--via api: simulated apps")
    ap.add_argument("--no-write", action="store_true", help="print the result, leave docs/benchmarks.md")
    return ap.parse_args()


def main() -> int:
    args = _args()
    scratch = Path(tempfile.mkdtemp(prefix="duban-load-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "load-secret-key-" + "x" * 40,
        "AUDIT_KEY": "load-audit-key-0123456789",
        "FIELD_KEY": "load-field-key-0123456789abcdef",
        "REQUIRE_2FA": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(scratch / "media"),
        "LOG_LEVEL": "ERROR",
        "LOAD_PASSWORD": PASSWORD,
        "LOAD_ACCOUNTS": str(scratch / "accounts.json"),
        "LOAD_FILED": str(scratch / "filed.txt"),
        "CONN_MAX_AGE": "60",  # duban's default, and the bare view's (bench/load/bare.py)
    }
    if args.db == "pg":
        env["DATABASE_URL"] = pg_fresh("ops_load_duban")
        bare_env = dict(env)  # the same database
    else:
        env["DATABASE_URL"] = f"sqlite:///{scratch / 'duban.sqlite3'}"
        bare_env = {**env, "DATABASE_URL": "", "BARE_DB": str(scratch / "duban.sqlite3")}  # the same file
    (scratch / "filed.txt").touch()
    demo_database(env, scratch / "accounts.json")
    subprocess.run([PY, "-c", "import bare; bare.make_table()"], cwd=HERE, env=bare_env, check=True)
    p1, p2 = free_port(), free_port()
    worker_model = production_worker_model()
    load = load_average()
    servers = [
        gunicorn(p1, args.workers, worker_model, ["duban.wsgi:application"], env, scratch / "duban.log"),
        gunicorn(
            p2,
            args.workers,
            worker_model,
            ["--chdir", str(HERE), "bare:application"],
            bare_env,
            scratch / "bare.log",
        ),
    ]
    try:
        wait_for(p1)
        wait_for(p2)
        if args.via == "api":
            d = threads("duban", p1, scratch, args, env)
            (scratch / "filed.txt").write_text("".join(f"{line}\n" for line in d["filed"]))
        else:
            locust("Liaison", f"http://127.0.0.1:{p1}", args.users, args.seconds, scratch / "duban", env)
        filed = len([line for line in (scratch / "filed.txt").read_text().splitlines() if line.strip()])
        found = in_database(env, scratch / "filed.txt")
        if args.via == "api":
            b = threads("bare", p2, scratch, args, env)
        else:
            locust("BareUser", f"http://127.0.0.1:{p2}", args.users, args.seconds, scratch / "bare", env)
    finally:
        for s in servers:
            s.terminate()
            s.wait(30)
    if args.via == "api":
        d_rate, d_count, d_fail, d_lat = from_threads(d)
        b_rate, b_count, b_fail, _ = from_threads(b)
    else:
        d_rate, d_count, d_fail, d_lat = stats(scratch / "duban")
        b_rate, b_count, b_fail, _ = stats(scratch / "bare")
    ratio = d_rate / max(b_rate, 0.1)
    ok = ratio >= TARGET and d_fail == 0 and b_fail == 0 and found == filed
    who = (
        f"{args.users} simulated liaisons (locust {_locust_version()}, headless, loopback only) log in, then for "
        f"{args.seconds} s open 我的待办 and file what is due through the pages — a reading on every report, a photo "
        'on a third, "no change" for half of them where the page offers it'
        if args.via == "pages"
        else f"{args.threads} liaisons' apps (plain threads, bench/load/threads.py, loopback only) take a token, then "
        f"for {args.seconds} s ask for 我的待办 (GET /api/v1/me/due) and file the first item due (POST a report)"
    )
    lines = [
        "## Deadline-day load ("
        + ("through the API" if args.via == "api" else "locust, through the pages")
        + (", PostgreSQL: production's database)" if args.db == "pg" else ", SQLite: the demo's database)"),
        "",
        stamp("make load", load) + f" Load average when it ended: {load_average()}.",
        "",
        f"{who}. Then as many users post for as long to a bare Django view doing one read and one write. "
        f"Same gunicorn options ({args.workers} workers, {' '.join(worker_model)}: deploy/gunicorn.conf.py's kind), "
        "same database "
        f"({'PostgreSQL' if args.db == 'pg' else 'one SQLite file, WAL'}).",
        "",
        "| | requests | req/s | failures |",
        "|---|---:|---:|---:|",
        f"| duban ({'我的待办, report form, filing' if args.via == 'pages' else 'API: me/due, filing'}) "
        f"| {d_count} | {d_rate:.1f} | {d_fail} |",
        f"| bare Django read+write | {b_count} | {b_rate:.1f} | {b_fail} |",
        "",
        f"**Ratio {ratio:.2f}** (target ≥ 0.50) · reports accepted {filed}, found in the database {found}, "
        f"lost {filed - found} · {'ok' if ok else 'FAILED'}",
        "",
        "| request | median ms | p95 ms |",
        "|---|---:|---:|",
        *[f"| {name} | {m:.0f} | {p:.0f} |" for name, (m, p) in sorted(d_lat.items())],
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        write_section(section_name(args.via, args.db), section)
    _done_with(scratch)
    return 0 if ok else 1


def section_name(via: str, db: str) -> str:
    """docs/benchmarks.md's section: `load` (pages, PostgreSQL), `load-sqlite`, `load-api`, `load-api-sqlite`."""
    return ("load-api" if via == "api" else "load") + ("-sqlite" if db == "sqlite" else "")


def _done_with(scratch: Path) -> None:
    """The scratch folder goes, unless LOAD_KEEP is set (locust's per-second history is in it)."""
    if os.environ.get("LOAD_KEEP"):
        print(f"kept: {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)


def _locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


if __name__ == "__main__":
    sys.exit(main())
