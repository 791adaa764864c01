"""我的待办 in a real Chromium at 375 px and 1280 px, counting what the person does (clicks, fills, checks,
selects): a normal monthly report in at most 4, an unchanged month in 1, all of a period's co-unit items in 1.

Screenshots are kept in test-artifacts/progress/ at the repository root.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from orgs.models import Role, Unit
from progress import services
from progress.models import CoInput, ProgressReport
from tests.factories import PASSWORD, AssignmentFactory, TaskFactory, UnitFactory, member
from tests.progress.factories import build_world, file
from tests.progress.test_browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": {"width": 375, "height": 740}, "desk": {"width": 1280, "height": 800}}


class Person:
    """A page whose interactions are counted; going to a page by its address is not one."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.interactions = 0

    def click(self, selector: str) -> None:
        self.interactions += 1
        self.page.click(selector)

    def fill(self, selector: str, value: str) -> None:
        self.interactions += 1
        self.page.fill(selector, value)

    def check(self, selector: str) -> None:
        self.interactions += 1
        self.page.check(selector)

    def select(self, selector: str, value: str) -> None:
        self.interactions += 1
        self.page.select_option(selector, value)


def open_todo(chromium: Any, live_server: Any, username: str, viewport: dict[str, int]) -> Person:
    context = chromium.new_context(viewport=viewport, locale="en-US", device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/due/")
    return Person(page)


def fits(page: Any, viewport: dict[str, int]) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{page.url} scrolls sideways: {width}px"


@pytest.fixture
def world(live_server: Any, media: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """6 May 2026: April is over. 发改局 leads two tasks whose March reports were accepted; 后龙镇 is a
    co-unit of both and leads a third through 各镇（街道）."""
    monkeypatch.setattr("progress.clock.today", lambda: dt.date(2026, 5, 6))
    world: Any = build_world()
    region = world.plan.region
    second: Any = TaskFactory(plan=world.plan, seq=2, text="新增城镇就业5000人以上。")
    AssignmentFactory(task=second, unit=world.fagai, role="lead")
    houlong: Any = UnitFactory(region=region, name="后龙镇", kind=Unit.Kind.TOWN)
    group: Any = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    group.members.set([houlong])
    third: Any = TaskFactory(plan=world.plan, seq=3, text="各镇完成农房整治任务。")
    AssignmentFactory(task=third, unit=group, role="lead")
    for task in (world.task, second):
        AssignmentFactory(task=task, unit=houlong, role="co")
    member("linhoulong", Role.LIAISON, region=region, unit=houlong)
    for month in (1, 2):
        services.close_period_review(period=world.period("month", month), by=world.wangfang)
    march = world.period("month", 3)
    services.accept_report(report=file(world, march), by=world.wangfang)
    services.accept_report(
        report=services.file_report(
            task=second, unit=world.fagai, period=march, by=world.liming,
            status="on_track", percent=20, text="一季度新增城镇就业1200人。",
        ),
        by=world.wangfang,
    )  # fmt: skip
    world.second, world.houlong = second, houlong
    return world


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_month_in_few_steps(browser: Any, live_server: Any, world: Any, width: str) -> None:
    viewport = WIDTHS[width]
    april = world.period("month", 4)
    liming = open_todo(browser, live_server, "liming", viewport)
    page = liming.page
    assert page.locator("html").get_attribute("lang") == "zh-Hans"  # an English browser, Chinese pages
    fits(page, viewport)
    page.locator(".counters a.pending").wait_for(state="attached")
    page.screenshot(path=str(ARTIFACTS / f"todo-01-liaison-{width}.png"), full_page=True)

    # Task 1 did not change in April: one click on its line, the consequence written beside the button.
    line = f'tr[data-task="{world.task.pk}"][data-period="{april.pk}"]'
    assert "原样报送为本期报告" in page.locator(line).inner_text()
    liming.click(f"{line} button.no-change")
    page.wait_for_url(f"{live_server.url}/due/")
    assert liming.interactions == 1
    assert ProgressReport.objects.get(task=world.task, period=april).no_change
    # the counter beside the bell is counted again on the new page: one line fewer
    pending = page.locator(".counters a.pending")
    pending.wait_for(state="attached")
    assert pending.get_attribute("data-pending") == str(page.locator(".due-item").count())

    # Task 2: a normal monthly report, pre-filled from March: open, write, give the figure, file.
    liming.interactions = 0
    liming.click(f'tr[data-task="{world.second.pk}"][data-period="{april.pk}"] a.button')
    page.wait_for_url(f"**/tasks/{world.second.pk}/periods/{april.pk}/report/")
    fits(page, viewport)
    page.screenshot(path=str(ARTIFACTS / f"todo-02-report-form-{width}.png"), full_page=True)
    liming.fill("#id_text", "1至4月新增城镇就业1750人，完成全年目标的35%。")
    liming.fill("#id_percent", "35")
    liming.click("main form.report-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/due/")
    assert liming.interactions <= 4
    report = ProgressReport.objects.get(task=world.second, period=april)
    assert (report.percent, report.state) == (35, "filed")

    # 后龙镇: all of April's co-unit items in one click.
    lin = open_todo(browser, live_server, "linhoulong", viewport)
    group = f'.co-group[data-period="{april.pk}"]'
    assert lin.page.locator(f"{group} li.due-item").count() == 2
    fits(lin.page, viewport)
    lin.page.screenshot(path=str(ARTIFACTS / f"todo-03-co-unit-{width}.png"), full_page=True)
    lin.click(f"{group} button.nothing-to-add")
    lin.page.wait_for_url(f"{live_server.url}/due/")
    assert lin.interactions == 1
    assert CoInput.objects.filter(unit=world.houlong, period=april, nothing_to_add=True).count() == 2
    assert lin.page.locator(group).count() == 0
    lin.page.screenshot(path=str(ARTIFACTS / f"todo-04-co-unit-done-{width}.png"), full_page=True)
