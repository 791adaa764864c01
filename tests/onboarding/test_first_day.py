"""A region's first day in a real Chromium, from an empty database: the administrator opens 泉港区 and its
office account; the office changes its first password, imports the seed table, downloads the roster, uploads
it filled and hands out the accounts; a new liaison logs in, changes the password and files a report.

Steps (clicks, fields filled, files chosen) and the time are counted and written to
test-artifacts/onboarding/first_day.json (the figures in docs/benchmarks.md come from it)."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from progress.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "onboarding"
ARTIFACTS.mkdir(parents=True, exist_ok=True)
SEED = ROOT / "tests" / "data" / "seeds" / "000_c0ca6c59d42007b8.txt"
WIDE = {"width": 1280, "height": 900}


class Steps:
    """Counts what a person does: every click, every field filled, every file chosen."""

    def __init__(self) -> None:
        self.count = 0
        self.started = time.monotonic()

    def click(self, page: Any, selector: str) -> None:
        self.count += 1
        page.click(selector)

    def fill(self, page: Any, selector: str, value: str) -> None:
        self.count += 1
        page.fill(selector, value)

    def choose(self, page: Any, selector: str, value: str) -> None:
        self.count += 1
        page.select_option(selector, value)

    def file(self, page: Any, selector: str, path: Any) -> None:
        self.count += 1
        page.set_input_files(selector, path)


def log_in(browser: Any, url: str, username: str, password: str, steps: Steps) -> Any:
    page = browser.new_context(viewport=WIDE, locale="zh-CN", accept_downloads=True).new_page()
    page.goto(f"{url}/login/")
    steps.fill(page, "#id_username", username)
    steps.fill(page, "#id_password", password)
    steps.click(page, "main button[type=submit]")
    page.wait_for_url(lambda u: "/login/" not in u)
    return page


def change_first_password(page: Any, old: str, new: str, steps: Steps) -> None:
    assert "/account/password/" in page.url  # the first login goes to the password change
    steps.fill(page, "#id_old_password", old)
    steps.fill(page, "#id_new_password1", new)
    steps.fill(page, "#id_new_password2", new)
    steps.click(page, "main form button[type=submit]")
    page.wait_for_url(lambda u: "/account/password/" not in u)


def fill_roster(data: bytes) -> bytes:
    """The units fill in their rows (as lib/roster_fill.py does in the acceptance check)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["回执表"]
    cols = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    for i, r in enumerate(range(3, ws.max_row + 1), start=1):
        ws.cell(r, cols["分管领导姓名"]).value = f"领导{i}"
        ws.cell(r, cols["分管领导手机"]).value = f"139{i:08d}"
        ws.cell(r, cols["联络员姓名"]).value = f"联络{i}"
        ws.cell(r, cols["联络员手机"]).value = f"138{i:08d}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_region_from_nothing_to_its_first_report(  # noqa: PLR0915 - one story, step by step
    browser: Any, live_server: Any, settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # 140 new accounts each get their own salted hash: the fast hasher keeps the test's time on the pages
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr("progress.clock.today", lambda: dt.date(2026, 4, 3))
    get_user_model().objects.create_superuser("root", "root@duban.example", "Root-first-day-2026")
    settings.ACCOUNTS_NEW_MUST_CHANGE_PASSWORD = True  # every account made from here on changes it first
    url = live_server.url
    steps = Steps()

    # the administrator opens the region and its office account
    admin = log_in(browser, url, "root", "Root-first-day-2026", steps)
    admin.goto(f"{url}/onboarding/regions/new/")
    steps.fill(admin, "#id_name", "泉港区")
    steps.fill(admin, "#id_number_prefix", "泉港督")
    steps.fill(admin, "#id_office_username", "qg-office")
    steps.click(admin, "main form button[type=submit]")
    office_password = admin.locator("code").nth(1).inner_text()
    admin.screenshot(path=str(ARTIFACTS / "01-region.png"), full_page=True)

    # the office logs in, chooses its own password, imports the seed table
    office = log_in(browser, url, "qg-office", office_password, steps)
    change_first_password(office, office_password, "Vq7-Lmz9-Tr4x", steps)
    office.goto(f"{url}/import/")
    steps.file(office, "input[type=file]", str(SEED))
    steps.click(office, "main form button[type=submit]")
    office.wait_for_selector("form[action$='/confirm'] button")
    office.wait_for_load_state("networkidle")  # the test database is SQLite in memory: one writer at a time
    office.screenshot(path=str(ARTIFACTS / "02-preview.png"), full_page=True)
    steps.click(office, "form[action$='/confirm'] button")
    office.wait_for_load_state("networkidle")

    # the roster: download, the units fill it in, upload, confirm
    office.goto(f"{url}/")
    steps.click(office, "nav a[href*='/onboarding/regions/']")
    with office.expect_download() as download:
        steps.click(office, "a[href$='roster.xlsx']")
    filled = tmp_path / "roster.xlsx"
    filled.write_bytes(fill_roster(Path(download.value.path()).read_bytes()))
    steps.file(office, "input[type=file]", str(filled))
    steps.click(office, "form[action$='/roster/'] button[type=submit]")
    office.wait_for_load_state("networkidle")
    steps.click(office, "form[action$='/roster/confirm/'] button[type=submit]")
    office.wait_for_load_state("networkidle")
    credentials = office.locator("table.credentials tbody tr")
    assert credentials.count() > 100
    office.screenshot(path=str(ARTIFACTS / "03-accounts.png"), full_page=True)
    liaison_row = office.locator("table.credentials tbody tr", has_text="13800000001")
    username = liaison_row.locator("td").nth(0).inner_text()
    password = liaison_row.locator("td code").inner_text()

    # the new liaison logs in, changes the password, files the first report
    liaison = log_in(browser, url, username, password, steps)
    change_first_password(liaison, password, "Hb3-Kpw8-Zn6y", steps)
    liaison.goto(f"{url}/due/")
    steps.click(liaison, "tr.due-item a.button >> nth=0")
    liaison.wait_for_url("**/report/")
    steps.click(liaison, 'input[name=status][value="on_track"]')
    steps.fill(liaison, "#id_percent", "20")
    steps.fill(liaison, "#id_text", "一季度推进中，主要指标符合序时进度。")
    steps.click(liaison, "form.report-form button[type=submit]")
    liaison.wait_for_url(f"{url}/due/")
    liaison.screenshot(path=str(ARTIFACTS / "04-first-report.png"), full_page=True)

    assert ProgressReport.objects.filter(filed_by__username=username).count() == 1
    seconds = round(time.monotonic() - steps.started, 1)
    (ARTIFACTS / "first_day.json").write_text(
        json.dumps({"steps": steps.count, "seconds": seconds, "accounts": credentials.count()}),
        encoding="utf-8",
    )
