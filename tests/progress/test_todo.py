"""后龙镇's 我的待办: one line per task and period, co-unit items together with one "本期无协办事项",
returned reports first, sent back by the unit leader or reopened by the office; the counter beside the bell."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from orgs.models import Role, Unit
from progress import services
from progress.counits import confirm_nothing_to_add
from progress.errors import ReportInvalid, ReportStateError
from progress.models import CoInput
from tests.factories import AssignmentFactory, TaskFactory, UnitFactory, member
from tests.progress.factories import World, file

pytestmark = pytest.mark.django_db

LEAD_WORK = {"file", "fix", "co_input", "sign_off", "no_change", None}


@pytest.fixture
def town(world: World) -> dict[str, Any]:
    """后龙镇 leads task 2 through 各镇（街道） and is also a co-unit of it; it is a co-unit of task 3 and of
    world.task (led by 发改局)."""
    region = world.plan.region
    houlong: Any = UnitFactory(region=region, name="后龙镇", kind=Unit.Kind.TOWN)
    group: Any = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    group.members.set([houlong])
    both: Any = TaskFactory(plan=world.plan, seq=2, text="各镇完成农房整治任务，配合做好人居环境提升。")
    AssignmentFactory(task=both, unit=group, role="lead")
    AssignmentFactory(task=both, unit=houlong, role="co")
    co_only: Any = TaskFactory(plan=world.plan, seq=3, text="推进乡村振兴示范村建设。")
    AssignmentFactory(task=co_only, unit=world.fagai, role="lead")
    AssignmentFactory(task=co_only, unit=houlong, role="co")
    AssignmentFactory(task=world.task, unit=houlong, role="co")
    lin = member("linhoulong", Role.LIAISON, region=region, unit=houlong)
    lin.first_name = "林后龙"
    lin.save(update_fields=["first_name"])
    leader = member("houlong_leader", Role.UNIT_LEADER, region=region, unit=houlong)
    return {"unit": houlong, "both": both, "co_only": co_only, "lin": lin, "leader": leader}


def lines(html: str) -> list[tuple[int, int, str]]:
    return [
        (int(t), int(p), a)
        for t, p, a in re.findall(r'data-task="(\d+)" data-period="(\d+)" data-action="(\w+)"', html)
    ]


def test_one_line_per_task_and_period_for_a_town_that_leads_and_is_co_unit(client, world, town, today):
    client.force_login(town["lin"])
    items = client.get("/api/v1/me/due").json()["items"]
    seen = [(i["task_id"], i["period_id"]) for i in items if i["action"] in LEAD_WORK]
    assert len(seen) == len(set(seen))
    march = world.period("month", 3)
    both = [i for i in items if i["task_id"] == town["both"].pk and i["period_id"] == march.pk]
    assert [(i["action"], i["also_co"]) for i in both] == [("file", True)]
    html = client.get("/due/").content.decode()
    assert (town["both"].pk, march.pk, "file") in lines(html)
    assert (town["both"].pk, march.pk, "co_input") not in lines(html)
    assert "本单位同时为协办单位，牵头报告一并涵盖" in html
    # the co-unit items sit in their own section, one group per period
    co_section = html[html.index("co-section") :]
    assert (town["co_only"].pk, march.pk, "co_input") in lines(co_section)
    assert (world.task.pk, march.pk, "co_input") in lines(co_section)


def test_nothing_to_add_for_all_of_a_periods_co_unit_items_in_one_step(client, world, town, today):
    march = world.period("month", 3)
    client.force_login(town["lin"])
    url = f"/due/periods/{march.pk}/units/{town['unit'].pk}/nothing-to-add/"
    assert url in client.get("/due/").content.decode()
    response = client.post(url)
    assert response.status_code == 302
    given = CoInput.objects.filter(unit=town["unit"], period=march)
    assert sorted(given.values_list("task_id", flat=True)) == sorted([town["co_only"].pk, world.task.pk])
    assert all(c.nothing_to_add and c.text == "本期无协办事项" for c in given)
    event = AuditEvent.objects.get(verb="progress.co_nothing_to_add")
    assert event.actor == town["lin"]
    html = client.get("/due/").content.decode()
    assert not [line for line in lines(html) if line[1] == march.pk and line[2] == "co_input"]
    assert (town["both"].pk, march.pk, "file") in lines(html)  # its own report is still to file
    client.post(url)  # again: nothing more is recorded
    assert given.count() == 2
    assert AuditEvent.objects.filter(verb="progress.co_nothing_to_add").count() == 1
    # 发改局 sees it beside its report
    client.force_login(world.liming)
    form = client.get(f"/tasks/{world.task.pk}/periods/{march.pk}/report/").content.decode()
    assert "后龙镇" in form
    assert "本期无协办事项" in form


def test_nothing_to_add_is_the_towns_own_liaisons_to_say(world, town, today):
    march = world.period("month", 3)
    with pytest.raises(PermissionDenied):
        confirm_nothing_to_add(unit=town["unit"], period=march, by=world.zhaoqiang, today=dt.date(2026, 4, 3))
    services.close_period_review(period=march, by=world.wangfang)
    march.refresh_from_db()
    with pytest.raises(ReportStateError):
        confirm_nothing_to_add(unit=town["unit"], period=march, by=town["lin"], today=dt.date(2026, 4, 3))
    assert not CoInput.objects.exists()


def test_another_units_liaison_cannot_post_it(client, world, town, today):
    client.force_login(world.zhaoqiang)
    march = world.period("month", 3)
    response = client.post(f"/due/periods/{march.pk}/units/{town['unit'].pk}/nothing-to-add/")
    assert response.status_code == 403


def test_a_returned_report_stays_at_the_top_with_the_comment(client, world, today):
    march = world.period("month", 3)
    report = file(world, march)
    services.return_report(report=report, by=world.wangfang, comment="请补充一季度固定资产投资完成额。")
    client.force_login(world.liming)
    html = client.get("/due/").content.decode()
    assert lines(html)[0] == (world.task.pk, march.pk, "fix")
    top = html[html.index("returned-section") : html.index("lead-section")]
    assert "请补充一季度固定资产投资完成额。" in top
    assert "王芳" in top
    item = client.get("/api/v1/me/due").json()["items"][0]
    assert (item["action"], item["review_comment"]) == ("fix", "请补充一季度固定资产投资完成额。")


def test_the_unit_leader_sends_a_report_back_to_the_liaison(client, world, today):
    services.set_signoff(unit=world.fagai, required=True, by=world.wangfang)
    march = world.period("month", 3)
    report = file(world, march)
    client.force_login(world.fagai_leader)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "退回联络员" in page
    response = client.post(f"/reports/{report.pk}/send-back/", {"version": report.version, "comment": ""})
    report.refresh_from_db()
    assert report.state == "pending_signoff"  # a comment is needed
    response = client.post(
        f"/reports/{report.pk}/send-back/",
        {"version": report.version, "comment": "数据口径与统计局不一致，请核实。"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.review_comment) == ("returned", "数据口径与统计局不一致，请核实。")
    assert report.versions.order_by("-number").first().action == "sent_back"
    client.force_login(world.liming)
    html = client.get("/due/").content.decode()
    assert lines(html)[0] == (world.task.pk, march.pk, "fix")
    assert "数据口径与统计局不一致，请核实。" in html
    client.force_login(world.jiaoyu_leader)
    assert client.post(f"/reports/{report.pk}/send-back/", {"comment": "x"}).status_code == 404


def test_the_office_reopens_an_accepted_report_while_the_period_is_open(client, world, today):
    march = world.period("month", 3)
    report = services.accept_report(report=file(world, march), by=world.wangfang)
    client.force_login(world.liming)
    assert client.post(f"/reports/{report.pk}/reopen/", {"comment": "x"}).status_code == 403
    client.force_login(world.wangfang)
    assert "重新打开" in client.get(f"/reports/{report.pk}/").content.decode()
    with pytest.raises(ReportInvalid):
        services.reopen_report(report=report, by=world.wangfang, reason=" ")
    response = client.post(
        f"/reports/{report.pk}/reopen/",
        {"version": report.version, "comment": "统计局更正了一季度数据，请据实修改。"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "returned"
    assert report.versions.order_by("-number").first().action == "reopened"
    client.force_login(world.liming)
    assert lines(client.get("/due/").content.decode())[0] == (world.task.pk, march.pk, "fix")
    report = services.accept_report(
        report=file(world, march, version=report.version, text="已按统计局更正数据修改。"), by=world.wangfang
    )
    services.close_period_review(period=march, by=world.wangfang)
    report.refresh_from_db()
    with pytest.raises(ReportStateError):
        services.reopen_report(report=report, by=world.wangfang, reason="再改一次")


def test_the_counter_beside_the_bell_is_counted_on_every_request(client, world, today):
    client.force_login(world.liming)
    response = client.get("/notify/inbox/bell/")
    assert 'data-pending="3"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    file(world, world.period("month", 3))
    assert 'data-pending="2"' in client.get("/notify/inbox/bell/").content.decode()
    client.force_login(world.wangfang)
    assert 'data-pending="1"' in client.get("/notify/inbox/bell/").content.decode()  # one to review


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_town_tasks(world: World, town: dict[str, Any], n: int) -> None:
    group = Unit.objects.get(name="各镇（街道）")
    for i in range(n):
        task: Any = TaskFactory(plan=world.plan)
        AssignmentFactory(task=task, unit=group if i % 2 else world.fagai, role="lead")
        AssignmentFactory(task=task, unit=town["unit"], role="co")


@pytest.mark.parametrize(("url", "built", "kept"), [("/due/", 12, 3), ("/api/v1/me/due", 10, 3)])
def test_the_towns_query_count_is_the_same_at_10_and_40_tasks(client, world, town, today, url, built, kept):
    """Built: the list worked out (after a write); kept: asked again, from the shared cache."""
    client.force_login(town["lin"])
    _more_town_tasks(world, town, 7)
    ten = _queries(client, url), _queries(client, url)
    _more_town_tasks(world, town, 30)
    forty = _queries(client, url), _queries(client, url)
    assert ten == forty == (built, kept)


def test_hints_while_writing_and_for_the_reviewer(client, world, today):
    march = world.period("month", 3)
    client.force_login(world.liming)
    url = f"/tasks/{world.task.pk}/periods/{march.pk}/hints/"
    html = client.post(url, {"text": "本月各项工作稳步推进，有序开展，取得积极成效。"}).content.decode()
    assert 'data-hint="no_number"' in html  # the task has an indicator
    assert 'data-hint="boilerplate"' in html
    assert "不计分" in html
    concrete = client.post(url, {"text": "一季度地区生产总值同比增长5.6%。"}).content.decode()
    assert "data-hint" not in concrete
    assert client.get(url).status_code == 405
    client.force_login(world.zhaoqiang)
    assert client.post(url, {"text": "x"}).status_code == 403
    # the reviewer sees the same remarks; the report was filed all the same (never blocking)
    report = file(world, march, text="召开专题会议研究部署，组织相关部门开展调研。")
    client.force_login(world.wangfang)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'data-hint="activities"' in page
    assert 'data-hint="no_number"' in page
