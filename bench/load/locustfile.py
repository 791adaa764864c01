"""Deadline day, for locust: liaisons log in, open 我的待办 and file what is due — a report with a reading and
sometimes a photo, or (half of them) "no change this month" — through the same pages a person uses.
A second user class, BareUser, posts to the bare Django read+write view (bench/load/bare.py).

Environment: LOAD_ACCOUNTS (the demo's --json accounts), LOAD_PASSWORD, LOAD_FILED (a file the filed
(task, period, unit) lines are appended to, for the check that every accepted report is in the database)."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from typing import Any

import gevent
from gevent.event import Event
from locust import HttpUser, between, task

TEXT = (
    "本月完成项目现场调研两次，协调解决用地问题一项，形成工作台账并按节点推进，下一步将加快审批手续办理，"
    "确保按期完成年度目标任务，同时加强与配合单位的沟通衔接，及时解决推进中遇到的困难和问题，确保各项工作落到实处。"
)[:120]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "zh-hans"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = re.compile(r'href="/tasks/(\d+)/periods/(\d+)/report/"')
NO_CHANGE = re.compile(r'action="/tasks/(\d+)/periods/(\d+)/no-change/"')
READING = re.compile(r'name="(reading_\d+)"')
REDIRECT = 302  # a form accepted: Django redirects

with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as _f:
    _accounts = [a["username"] for a in json.load(_f) if a.get("role") == "liaison"]
_next = itertools.count()
_lock = threading.Lock()
_claimed: set[tuple[str, str]] = set()
# Logging in (deliberately slow password hashing) is not the deadline-day load: everyone logs in first,
# then the statistics start from zero and run for LOAD_SECONDS.
_logged_in = itertools.count(1)
_all_in = Event()


def _plain_http(client: Any) -> None:
    """duban (DEBUG off) marks its session and CSRF cookies Secure; here the TLS proxy is played by the
    X-Forwarded-Proto header on plain loopback HTTP, so the cookies lose the flag to be sent back (without
    this every log-in failed its CSRF check and the load test measured the log-in page). Called after
    every request: a response may set a cookie again."""
    for cookie in client.cookies:
        cookie.secure = False


def _one_more_logged_in(environment: Any) -> None:
    if next(_logged_in) == environment.parsed_options.num_users and not _all_in.is_set():
        environment.runner.stats.reset_all()
        _all_in.set()
        gevent.spawn_later(float(os.environ.get("LOAD_SECONDS", "60")), environment.runner.quit)


def _claim(key: tuple[str, str]) -> bool:
    """Two simulated people of one unit never file the same task and period (a person would not either)."""
    with _lock:
        if key in _claimed:
            return False
        _claimed.add(key)
        return True


def _record(line: str) -> None:
    with _lock, open(os.environ["LOAD_FILED"], "a", encoding="utf-8") as f:
        f.write(line + "\n")


class Liaison(HttpUser):
    wait_time = between(0, 0)  # no think time: a pause would cap duban's rate and not the bare view's

    def on_start(self) -> None:
        # gunicorn trusts the loopback's X-Forwarded-Proto: Django sees HTTPS and checks the Referer's origin
        self.origin = (self.host or "").replace("http://", "https://")
        # what a browser sends with every request, set once on the session (merged per request, these headers
        # were a twentieth of locust's own time)
        self.client.headers.update(HEADERS)
        n = next(_next)
        self.username = _accounts[n % len(_accounts)]
        self.unchanged = n % 2 == 1  # half of them: an unchanged month, where the page offers it
        self.files = n % 3 == 0  # a third attach a photo
        page = self.client.get("/login/", name="login page").text
        _plain_http(self.client)
        token = CSRF.search(page)
        with self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": os.environ.get("LOAD_PASSWORD", "Load-pass-2026"),
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.origin + "/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != REDIRECT:  # a log-in that fails is an error, not a quiet log-in page
                r.failure(f"log-in refused: {r.status_code}")
            landing = r.headers.get("Location", "/")
        _plain_http(self.client)
        # as a browser does: the log-in's redirect is followed, and a liaison lands on 我的待办 (duban.views.home)
        self.client.get(landing, name="login, landing page")
        _plain_http(self.client)
        _one_more_logged_in(self.environment)
        _all_in.wait()

    @task
    def deadline_day(self) -> None:
        with self.client.get("/due/", name="我的待办", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:  # sent to the log-in page: not the liaison's 我的待办
                r.failure(f"我的待办 answered {r.status_code}")
            page = r.text
        _plain_http(self.client)
        csrf = CSRF.search(page)
        if self.unchanged:
            for t, p in NO_CHANGE.findall(page):
                if _claim((t, p)) and csrf:
                    self._post_no_change(t, p, csrf.group(1))
                    return
        for t, p in FORM.findall(page):
            if _claim((t, p)):
                self._file(t, p)
                return

    def _post_no_change(self, t: str, p: str, csrf: str) -> None:
        with self.client.post(
            f"/tasks/{t}/periods/{p}/no-change/",
            {"csrfmiddlewaretoken": csrf},
            headers={"Referer": self.origin + "/due/"},
            name="no change",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code == REDIRECT:
                _record(f"{t} {p} {self.username}")
                r.success()
            else:
                r.failure(f"no change refused: {r.status_code}")
        _plain_http(self.client)

    def _file(self, t: str, p: str) -> None:
        form = self.client.get(f"/tasks/{t}/periods/{p}/report/", name="report form").text
        _plain_http(self.client)
        csrf = CSRF.search(form)
        data: dict[str, Any] = {
            "status": "on_track",
            "percent": "60",
            "text": TEXT,
            "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
        }
        for field in READING.findall(form):
            data[field] = f"{random.uniform(1, 9):.1f}"
        files = {"evidence": ("现场照片.png", PNG, "image/png")} if self.files else None
        with self.client.post(
            f"/tasks/{t}/periods/{p}/report/",
            data=data,
            files=files,
            headers={"Referer": self.origin + f"/tasks/{t}/periods/{p}/report/"},
            name="file report",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code == REDIRECT:
                _record(f"{t} {p} {self.username}")
                r.success()
            else:
                r.failure(f"report refused: {r.status_code}")
        _plain_http(self.client)


class BareUser(HttpUser):
    wait_time = between(0, 0)

    def on_start(self) -> None:  # the same start line as the liaisons: all in, then LOAD_SECONDS
        _one_more_logged_in(self.environment)
        _all_in.wait()

    @task
    def read_write(self) -> None:
        self.client.post("/rw", json={}, name="bare read+write")
