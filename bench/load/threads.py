"""The deadline day through the API with plain threads (`bench/load/run.py --via api`): THREADS liaisons' apps
ask for 我的待办 (GET /api/v1/me/due) and file the first item due (POST a report), with no think time; or, for
the bare view, POST /rw. Standard library only: a client that parses every answer must not be the bottleneck
(one locust process parsing 30 KB lists was, at 100 % of a core, in the same run where it fed the bare view
five times as fast).

usage: threads.py duban|bare BASE ACCOUNTS.json PASSWORD SECONDS THREADS  → one JSON line on stdout
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from typing import Any

TEXT = (
    "本月完成项目现场调研两次，协调解决用地问题一项，形成工作台账并按节点推进，下一步将加快审批手续办理，"
    "确保按期完成年度目标任务，同时加强与配合单位的沟通衔接，及时解决推进中遇到的困难和问题，确保各项工作落到实处。"
)[:120]


class Run:
    def __init__(self, base: str) -> None:
        self.url = urllib.parse.urlparse(base)
        self.lock = threading.Lock()
        self.stats: Counter[str] = Counter()
        self.latency: dict[str, list[float]] = {}
        self.filed: list[str] = []

    def request(
        self, name: str, method: str, path: str, body: Any = None, token: str = ""
    ) -> tuple[Any, bytes]:
        conn = http.client.HTTPConnection(self.url.hostname or "127.0.0.1", self.url.port, timeout=60)
        headers = {"Accept": "application/json", "X-Forwarded-Proto": "https"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {token}"
        t0 = time.perf_counter()
        try:
            conn.request(method, path, data, headers)
            response = conn.getresponse()
            status: Any = response.status
            raw = response.read()
        except OSError as e:
            status, raw = type(e).__name__, b""
        finally:
            conn.close()
        with self.lock:
            self.latency.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
        return status, raw

    def count(self, status: Any) -> None:
        with self.lock:
            self.stats["requests"] += 1
            self.stats["ok" if isinstance(status, int) and status < 400 else f"err_{status}"] += 1


def liaison(run: Run, token: str, slot: int, share: int, deadline: float) -> None:
    done: set[tuple[int, int]] = set()
    while time.time() < deadline:
        status, raw = run.request("GET /api/v1/me/due", "GET", "/api/v1/me/due", token=token)
        run.count(status)
        if status != 200:
            continue
        items = [
            i
            for i in json.loads(raw)["items"]
            if i["action"] == "file"
            and (i["task_id"], i["period_id"]) not in done
            and (i["task_id"] * 7919 + i["period_id"]) % share
            == slot  # threads of one account split its items
        ]
        if not items:
            continue
        t, p = items[0]["task_id"], items[0]["period_id"]
        done.add((t, p))
        body = {"period_id": p, "status": "on_track", "percent": 60, "text": TEXT}
        status, raw = run.request("POST report", "POST", f"/api/v1/tasks/{t}/reports", body, token)
        run.count(status)
        if status in (200, 201):
            with run.lock:
                run.filed.append(f"{t} {p} {json.loads(raw)['id']}")  # several units may file one task


def bare(run: Run, deadline: float) -> None:
    while time.time() < deadline:
        status, _raw = run.request("bare read+write", "POST", "/rw", {})
        run.count(status)


def main() -> int:
    mode, base, accounts, password, seconds, threads = sys.argv[1:7]
    run = Run(base)
    workers: list[threading.Thread] = []
    if mode == "duban":
        users = [
            a["username"] for a in json.load(open(accounts, encoding="utf-8")) if a.get("role") == "liaison"
        ]
        names = [users[i % len(users)] for i in range(int(threads))]
        tokens: dict[str, str] = {}
        for name in set(names):  # logging in (slow hashing on purpose) is before the measured window
            status, raw = run.request(
                "login (token)", "POST", "/api/v1/auth/token", {"username": name, "password": password}
            )
            if status == 200:
                tokens[name] = json.loads(raw)["token"]
            else:
                run.count(status)
        deadline = time.time() + float(seconds)
        share, slots = Counter(names), Counter[str]()
        for name in names:
            workers.append(
                threading.Thread(
                    target=liaison, args=(run, tokens.get(name, ""), slots[name], share[name], deadline)
                )
            )
            slots[name] += 1
    else:
        deadline = time.time() + float(seconds)
        workers = [threading.Thread(target=bare, args=(run, deadline)) for _ in range(int(threads))]
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.time() - start
    latency = {k: v for k, v in run.latency.items() if not k.startswith("login")}
    print(
        json.dumps(
            {
                "requests": run.stats["requests"],
                "failures": sum(v for k, v in run.stats.items() if k.startswith("err_")),
                "req_per_s": run.stats["requests"] / elapsed,
                "filed": run.filed,
                "latency": {
                    k: (statistics.median(v), sorted(v)[int(len(v) * 0.95)]) for k, v in latency.items() if v
                },
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
