"""The loop in a real Chromium at phone width: 李明 files, 王芳 returns, 李明 fixes, 王芳 accepts.

Screenshots are kept in test-artifacts/progress/ at the repository root.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from progress.models import ProgressReport
from tests.factories import PASSWORD
from tests.progress.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "progress"
ARTIFACTS.mkdir(parents=True, exist_ok=True)
PHONE = {"width": 375, "height": 740}


def login(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)  # each role lands on its own page
    return page


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width}px"


@pytest.fixture
def world(live_server: Any, media: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr("progress.clock.today", lambda: dt.date(2026, 4, 3))
    return build_world()


# one story in one browser session (file, return, fix, accept): each step needs the page the last one left
def test_file_return_fix_accept(browser: Any, live_server: Any, world: Any) -> None:  # noqa: PLR0915
    march = world.period("month", 3)
    url = live_server.url

    # 李明 opens 我的待办 on his phone: three monthly reports, two overdue, March due 2026-04-08.
    liming = login(browser, live_server, "liming")
    liming.goto(f"{url}/due/")
    assert liming.locator("h1").inner_text() == "我的待办"
    assert liming.locator("tr.due-item.overdue").count() == 2
    fits_the_phone(liming)
    shot(liming, "01-workspace-liaison")

    # One click from the item to its form.
    liming.click(f'tr[data-period="{march.pk}"] a.button')
    liming.wait_for_url(f"**/tasks/{world.task.pk}/periods/{march.pk}/report/")
    fits_the_phone(liming)
    liming.check('input[name=status][value="on_track"]')
    liming.fill("#id_percent", "20")
    liming.fill("#id_text", "一季度推进中。")
    liming.fill(f"#id_reading_{world.indicator.pk}", "5.4")
    shot(liming, "02-report-form")
    liming.click("form.report-form button[type=submit]")
    liming.wait_for_url(f"{url}/due/")
    assert "报告已报送督查室" in liming.locator(".messages").inner_text()

    # 王芳 reviews on her phone and returns it with a comment.
    wangfang = login(browser, live_server, "wangfang")
    wangfang.goto(f"{url}/review/")
    assert wangfang.locator("h1").inner_text() == "审核队列"
    row = wangfang.locator("tr.review-item")
    assert row.count() == 1
    assert "一季度推进中。" in row.inner_text()
    fits_the_phone(wangfang)
    shot(wangfang, "03-review-queue")
    row.locator("details.return-box summary").click()
    row.locator("textarea[name=comment]").fill("请写明一季度地区生产总值增速。")
    shot(wangfang, "04-returning")
    row.locator("button.return").click()
    # htmx swaps the row in place: no reload, the next report is right there.
    done = wangfang.locator('tr.review-item[data-state="returned"]')
    done.wait_for()
    assert "已退回单位" in done.inner_text()
    wangfang.reload()
    assert wangfang.locator("tr.review-item").count() == 0

    # The returned report is back in 李明's list, with the comment; he fixes it.
    liming.goto(f"{url}/due/")
    item = liming.locator(f'tr[data-period="{march.pk}"]')
    assert item.get_attribute("data-action") == "fix"
    assert "请写明一季度地区生产总值增速。" in item.inner_text()
    shot(liming, "05-workspace-returned")
    item.locator("a.button").click()
    assert "退回意见" in liming.content()
    assert liming.input_value("#id_text") == "一季度推进中。"  # his own words, pre-filled
    liming.fill("#id_text", "一季度地区生产总值增长5.6%，高于全年目标。")
    liming.fill("#id_percent", "25")
    fits_the_phone(liming)
    liming.click("form.report-form button[type=submit]")
    liming.wait_for_url(f"{url}/due/")

    # 王芳 accepts the new version.
    wangfang.goto(f"{url}/review/")
    row = wangfang.locator("tr.review-item")
    assert "5.6%" in row.inner_text()
    row.locator("button.accept").click()
    done = wangfang.locator('tr.review-item[data-state="accepted"]')
    done.wait_for()
    assert "已审核通过" in done.inner_text()
    fits_the_phone(wangfang)
    shot(wangfang, "06-accepted")

    report = ProgressReport.objects.get()
    assert (report.state, report.version) == ("accepted", 4)

    # Every version is on the task's file.
    wangfang.goto(f"{url}/tasks/{world.task.pk}/timeline/")
    timeline = wangfang.locator("ul.timeline").inner_text()
    for words in ("一季度推进中。", "请写明一季度地区生产总值增速。", "一季度地区生产总值增长5.6%"):
        assert words in timeline
    fits_the_phone(wangfang)
    shot(wangfang, "07-task-timeline")


def test_the_summary_counter_counts_as_the_notice_does(browser: Any, live_server: Any, world: Any) -> None:
    half = world.period("half_year")
    page = login(browser, live_server, "liming")
    page.goto(f"{live_server.url}/tasks/{world.task.pk}/periods/{half.pk}/report/")
    page.fill("#id_text", "增" * 98 + " 。\n")  # 99 counted: spaces and line breaks do not count
    assert page.locator("#char-count").inner_text() == "99"
    assert "bad" in (page.locator("p.counter").get_attribute("class") or "")
    page.type("#id_text", "A")
    assert page.locator("#char-count").inner_text() == "100"
    assert "good" in (page.locator("p.counter").get_attribute("class") or "")
    fits_the_phone(page)
    shot(page, "08-summary-counter")
    # The server agrees: 99 is refused with the count in the message.
    page.fill("#id_text", "增" * 99)
    page.check('input[name=status][value="on_track"]')
    page.fill("#id_percent", "50")
    page.click("form.report-form button[type=submit]")
    assert "现为99字" in page.locator(".errorlist").first.inner_text()
    shot(page, "09-summary-refused")
