"""A task given to 各镇（街道）: each town files its own report and sees its own; the office sees them all
side by side."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgs.models import Role, Unit
from progress.models import ProgressReport
from tests.factories import AssignmentFactory, TaskFactory, UnitFactory, member
from tests.progress.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns(world: World) -> dict[str, Any]:
    region = world.plan.region
    houlong: Any = UnitFactory(region=region, name="后龙镇", kind=Unit.Kind.TOWN)
    fengwei: Any = UnitFactory(region=region, name="峰尾镇", kind=Unit.Kind.TOWN)
    group: Any = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    group.members.set([houlong, fengwei])
    task: Any = TaskFactory(plan=world.plan, seq=2, text="各镇完成农房整治任务。")
    AssignmentFactory(task=task, unit=group, role="lead")
    return {
        "task": task,
        "houlong": houlong,
        "fengwei": fengwei,
        "lin": member("linhoulong", Role.LIAISON, region=region, unit=houlong),
        "huang": member("huangfengwei", Role.LIAISON, region=region, unit=fengwei),
    }


def _file(client: Any, user: Any, task: Any, period: Any, text: str, percent: int = 30) -> None:
    client.force_login(user)
    url = reverse("progress:report_form", args=[task.pk, period.pk])
    response = client.post(url, {"status": "on_track", "percent": str(percent), "text": text})
    assert response.status_code == 302, response.content.decode()[:1500]


def test_each_town_files_its_own_report_and_sees_only_its_own(client, world, towns, today):
    march = world.period("month", 3)
    _file(client, towns["lin"], towns["task"], march, "后龙镇完成30户。")
    _file(client, towns["huang"], towns["task"], march, "峰尾镇完成25户。")
    reports = {
        r.unit.name: r for r in ProgressReport.objects.filter(task=towns["task"]).select_related("unit")
    }
    assert set(reports) == {"后龙镇", "峰尾镇"}
    assert reports["后龙镇"].text == "后龙镇完成30户。"
    assert reports["峰尾镇"].text == "峰尾镇完成25户。"

    client.force_login(towns["lin"])
    form = client.get(reverse("progress:report_form", args=[towns["task"].pk, march.pk])).content.decode()
    assert "后龙镇完成30户。" in form
    assert "峰尾镇完成25户。" not in form
    assert client.get(reverse("progress:report_detail", args=[reports["后龙镇"].pk])).status_code == 200
    assert client.get(reverse("progress:report_detail", args=[reports["峰尾镇"].pk])).status_code == 404
    timeline = client.get(reverse("progress:task_timeline", args=[towns["task"].pk])).content.decode()
    assert "后龙镇完成30户。" in timeline
    assert "峰尾镇完成25户。" not in timeline


def test_the_office_sees_every_towns_report_side_by_side(client, world, towns, today):
    march = world.period("month", 3)
    _file(client, towns["lin"], towns["task"], march, "后龙镇完成30户。")
    _file(client, towns["huang"], towns["task"], march, "峰尾镇完成25户。", percent=25)
    client.force_login(world.wangfang)
    page = client.get(reverse("progress:task_timeline", args=[towns["task"].pk])).content.decode()
    grid = page[page.index('id="side-by-side"') :]
    grid = grid[: grid.index("</table>")]
    header = grid[: grid.index("</thead>")]
    assert "后龙镇" in header
    assert "峰尾镇" in header
    row = grid[grid.index(str(march.label)) :]
    row = row[: row.index("</tr>")]
    assert "后龙镇完成30户。" in row
    assert "峰尾镇完成25户。" in row
    assert "30%" in row
    assert "25%" in row
    assert row.count("</td>") == 3  # the period, then one cell per town


def test_more_towns_side_by_side_cost_no_more_queries(client, world, towns, today):
    march, april = world.period("month", 3), world.period("month", 4)
    _file(client, towns["lin"], towns["task"], march, "后龙镇三月。")
    client.force_login(world.wangfang)
    url = reverse("progress:task_timeline", args=[towns["task"].pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _file(client, towns["huang"], towns["task"], march, "峰尾镇三月。")
    _file(client, towns["lin"], towns["task"], april, "后龙镇四月。")
    _file(client, towns["huang"], towns["task"], april, "峰尾镇四月。")
    client.force_login(world.wangfang)
    with CaptureQueriesContext(connection) as four:
        page = client.get(url).content.decode()
    assert page.count("镇四月。") >= 2
    assert len(four.captured_queries) == len(one.captured_queries)
