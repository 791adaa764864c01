"""The dashboards in a real Chromium at 375 px and 1280 px: 王芳 walks her overview (a chart's table view,
the print view), 曾国志 opens his cockpit on his phone. Screenshots in test-artifacts/dashboards/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.dashboards.story import build_story
from tests.factories import PASSWORD
from tests.progress.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "dashboards"
ARTIFACTS.mkdir(parents=True, exist_ok=True)
SIZES = {"phone": {"width": 375, "height": 740}, "desk": {"width": 1280, "height": 900}}


@pytest.fixture
def story(live_server: Any, media: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr("progress.clock.today", lambda: dt.date(2026, 4, 3))
    return build_story(build_world())


def login(browser: Any, live_server: Any, username: str, size: str) -> Any:
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.errors = errors
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def fits(page: Any, size: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{page.url} scrolls sideways at {size}: {width}px"


@pytest.mark.parametrize("size", ["phone", "desk"])
def test_the_office_walks_its_overview(browser: Any, live_server: Any, story: Any, size: str) -> None:
    page = login(browser, live_server, "wangfang", size)
    assert page.url.endswith("/overview/")
    assert page.locator("h1").inner_text().startswith("总览")
    assert page.locator("script[src*='echarts']").count() == 1
    page.wait_for_selector("#chart-section canvas")  # ECharts drew the chart
    table = page.locator("#table-section")
    collapsed = "el => el.classList.contains('is-collapsed')"
    assert table.evaluate(collapsed)  # the chart first; the table waits behind its button…
    assert table.locator("td").count() > 0  # …in the page, read by screen readers
    assert page.locator("button[data-table='table-section']").get_attribute("aria-expanded") == "false"
    page.locator("button[data-table='table-section']").click()
    assert not table.evaluate(collapsed)
    assert table.is_visible()
    assert page.locator("#chart-section").is_hidden()
    assert "一、稳增长" in table.inner_text()
    assert page.locator("button[data-table='table-section']").inner_text() == "图表视图"
    fits(page, size)
    page.screenshot(path=str(ARTIFACTS / f"office-{size}.png"), full_page=True)
    page.click("a[href$='print=1']")
    page.wait_for_url("**print=1")
    assert page.locator("nav").count() == 0
    assert page.locator("table").count() >= 6
    fits(page, size)
    page.screenshot(path=str(ARTIFACTS / f"office-print-{size}.png"), full_page=True)
    page.goto(f"{live_server.url}/overview/burden/")
    page.wait_for_selector("#chart-burden canvas")
    fits(page, size)
    page.screenshot(path=str(ARTIFACTS / f"burden-{size}.png"), full_page=True)
    assert [e for e in page.errors if not e.endswith("/favicon.ico")] == []


@pytest.mark.parametrize("size", ["phone", "desk"])
def test_the_leader_opens_his_cockpit(browser: Any, live_server: Any, story: Any, size: str) -> None:
    page = login(browser, live_server, "zengguozhi", size)
    assert page.url.endswith("/cockpit/")
    assert page.locator("h1").inner_text().startswith("领导驾驶舱")
    assert page.locator(f"[data-task='{story.world.task.pk}']").is_visible()
    assert "问责建议" in page.locator("#decide").inner_text()
    fits(page, size)
    page.screenshot(path=str(ARTIFACTS / f"cockpit-{size}.png"), full_page=True)
    assert [e for e in page.errors if not e.endswith("/favicon.ico")] == []
