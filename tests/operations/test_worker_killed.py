"""A gunicorn worker is killed (kill -9) in the middle of 李明's filing: the database has the whole report
or none of it — here none, since the kill comes before the transaction commits — and the next try files it
whole on the worker gunicorn starts in its place."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from tests.operations.conftest import Site
from tests.operations.support import PY, ROOT, api, free_port, manage, wait_for_port

# gunicorn config for this story: each worker stalls its first filing right before the audit event is
# inserted — after the report, reading and version rows — and says so in a file, so the test can kill it.
STALL_HOOK = """
import os, time
from pathlib import Path
workers = 1
def post_worker_init(worker):
    from django.db.backends import utils
    original = utils.CursorWrapper.execute
    mark = Path(os.environ["OPS_STALL_MARK"])
    def execute(self, sql, params=None):
        hang = mark.with_suffix(".armed")
        if sql.startswith('INSERT INTO "audit_auditevent"') and hang.exists():
            hang.unlink()
            mark.write_text(str(os.getpid()))
            time.sleep(120)
        return original(self, sql, params)
    utils.CursorWrapper.execute = execute
"""


def _rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as c:
        return int(c.execute(f"select count(*) from {table}").fetchone()[0])


def test_killing_the_worker_mid_filing_leaves_no_half_report(sqlite_copy: Site, tmp_path: Path) -> None:
    db = Path(sqlite_copy.url.removeprefix("sqlite:///"))
    seed = sqlite_copy.seed
    (tmp_path / "stall.py").write_text(STALL_HOOK)
    mark = tmp_path / "stall.mark"
    mark.with_suffix(".armed").touch()
    port = free_port()
    environ = {**sqlite_copy.env, "OPS_STALL_MARK": str(mark)}
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", str(tmp_path / "stall.py"), "-b", f"127.0.0.1:{port}", "duban.wsgi"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    report: dict[str, Any] = {
        "period_id": seed["october"],
        "status": "on_track",
        "percent": 50,
        "text": "十月完成项目现场调研两次，协调解决用地问题一项。",
        "readings": [],
    }
    try:
        wait_for_port(port)
        before = {
            t: _rows(db, t) for t in ("progress_progressreport", "progress_reportversion", "audit_auditevent")
        }
        answers: list[Any] = []

        def file_october() -> None:
            try:
                answers.append(
                    api(base, "POST", f"/api/v1/tasks/{seed['task_id']}/reports", report, seed["token"])
                )
            except OSError as exc:  # the worker died under the request: the connection closes
                answers.append((type(exc).__name__, None))

        filing = threading.Thread(target=file_october)
        filing.start()
        deadline = time.monotonic() + 60
        while not mark.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert mark.exists(), "the filing never reached the audit insert"
        os.kill(int(mark.read_text()), signal.SIGKILL)
        filing.join(60)
        assert answers == [("RemoteDisconnected", None)]

        after = {t: _rows(db, t) for t in before}
        assert after == before  # none of the report: not the report row, not its version, no audit event

        deadline = time.monotonic() + 60  # gunicorn starts a new worker; the same filing now goes through
        while True:
            try:
                status, body = api(
                    base, "POST", f"/api/v1/tasks/{seed['task_id']}/reports", report, seed["token"]
                )
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.5)
        assert status == 201, body
        assert body["version"] == 1
        assert _rows(db, "progress_progressreport") == before["progress_progressreport"] + 1
        assert _rows(db, "progress_reportversion") == before["progress_reportversion"] + 1
    finally:
        server.terminate()
        server.wait(30)
    assert manage("audit_verify", environ=sqlite_copy.env).stdout.strip() == "audit trail intact"
