"""The portal in a real Chromium at 375 px and 1280 px: 李明 adds a milestone on his unit's work list, anyone
reads the public page, 林华 reads the city. Screenshots in test-artifacts/portal/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from targets.models import Milestone
from targets.services import publish_plan
from tests.factories import PASSWORD
from tests.portal.conftest import make_city
from tests.progress.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "portal"
ARTIFACTS.mkdir(parents=True, exist_ok=True)
SIZES = {"phone": {"width": 375, "height": 740}, "desk": {"width": 1280, "height": 800}}


@pytest.fixture
def story(live_server: Any, media: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr("progress.clock.today", lambda: dt.date(2026, 4, 3))
    world = build_world()
    city = make_city(world)
    publish_plan(plan=world.plan, published=True, by=world.wangfang)
    return world, city


def _page(browser: Any, size: str, username: str | None = None, *, url: str = "") -> Any:
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    if username:
        page.goto(f"{url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/login/" not in u)
    return page


def _fits(page: Any, size: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{page.url} scrolls sideways: {width}px"


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("size", ["phone", "desk"])
def test_unit_page_public_page_and_city_view(browser: Any, live_server: Any, story: Any, size: str) -> None:
    world, city = story
    url = live_server.url

    # 李明 follows 本单位工作清单 and adds a milestone with its deliverable to task 1.
    liming = _page(browser, size, "liming", url=url)
    liming.goto(f"{url}/due/")
    if size == "phone":
        liming.click("label.nav-toggle-label")  # the menu folds away on a phone
    liming.locator("nav.mainnav a", has_text="本单位工作清单").click()
    liming.wait_for_url(f"**/units/{world.fagai.pk}/")
    assert "区发改局" in liming.locator("h1").inner_text()
    _fits(liming, size)
    _shot(liming, f"{size}-01-unit-page")
    item = liming.locator(f"#task-{world.task.pk}")
    item.locator("details.portal-add summary").click()
    item.locator(f"#new-{world.task.pk}-title").fill("完成一季度经济运行分析")
    item.locator(f"#new-{world.task.pk}-due_date").fill("2026-04-30")
    item.locator(f"#new-{world.task.pk}-deliverable").fill("一季度经济运行分析报告")
    _shot(liming, f"{size}-02-adding-a-milestone")
    item.locator("details.portal-add button[type=submit]").click()
    liming.wait_for_url(f"**/units/{world.fagai.pk}/**")
    assert "关键节点已添加" in liming.locator(".messages").inner_text()
    assert "一季度经济运行分析报告" in liming.locator(f"#task-{world.task.pk}").inner_text()
    _fits(liming, size)
    _shot(liming, f"{size}-03-milestone-added")
    assert Milestone.objects.get().unit_id == world.fagai.pk

    # Anyone, not logged in, reads the public page: statuses and counts, no person.
    public = _page(browser, size)
    public.goto(f"{url}/public/")
    public.locator("h2 a").first.click()
    public.wait_for_url(f"**/public/plans/{world.plan.pk}/")
    text = public.locator("body").inner_text()
    assert "地区生产总值增长5.5%左右" in text
    assert "曾国志" not in text
    assert "李明" not in text
    _fits(public, size)
    _shot(public, f"{size}-04-public-plan")

    # 林华 reads 泉州市: the districts, then 泉港区's plan, then the GDP task beside 鲤城区's.
    linhua = _page(browser, size, "linhua", url=url)
    linhua.goto(f"{url}/city/{city.quanzhou.pk}/")
    assert "泉港区" in linhua.locator("table.city-rollup").inner_text()
    _fits(linhua, size)
    _shot(linhua, f"{size}-05-city-rollup")
    linhua.locator("table.city-rollup a", has_text="泉港区").click()
    linhua.wait_for_url(f"**/city/{city.quanzhou.pk}/plans/{world.plan.pk}/")
    _shot(linhua, f"{size}-06-city-district")
    linhua.locator("table.pub-table a").first.click()
    linhua.wait_for_url(f"**/city/{city.quanzhou.pk}/tasks/{world.task.pk}/")
    assert "全区生产总值增长5.5%左右" in linhua.locator(".side-by-side").inner_text()
    _fits(linhua, size)
    _shot(linhua, f"{size}-07-city-side-by-side")
