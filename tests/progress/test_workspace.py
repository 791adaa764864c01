"""我的待办: what is due for a unit, soonest first, overdue marked, one click from its form."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orgs.models import Role
from progress import services
from progress.due import due_for
from progress.models import ProgressReport
from targets.models import Task
from tests.factories import AssignmentFactory, TaskFactory, UnitFactory, member
from tests.progress.factories import SUMMARY_120, add_tasks, file

pytestmark = pytest.mark.django_db


def due_rows(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'data-task="(\d+)" data-period="(\d+)" data-action="(\w+)"', html)


def test_liming_sees_what_is_due_soonest_first_with_overdue_marked(client, world, today):
    client.force_login(world.liming)
    html = client.get("/due/").content.decode()
    jan, feb, mar = (world.period("month", m) for m in (1, 2, 3))
    assert due_rows(html) == [(str(world.task.pk), str(p.pk), "file") for p in (jan, feb, mar)]
    assert html.count('badge red">已逾期') == 2
    assert "我的待办" in html
    assert "截至2026-04-03共有3项待办" in html
    assert f'href="/tasks/{world.task.pk}/periods/{mar.pk}/report/"' in html


def test_summaries_appear_thirty_days_before_their_due_date(world):
    kinds = [r.period.kind for r in due_for(world.liming, today=dt.date(2026, 5, 17))]
    assert "half_year" not in kinds
    kinds = [r.period.kind for r in due_for(world.liming, today=dt.date(2026, 5, 18))]
    assert "half_year" in kinds


def test_a_filed_report_leaves_the_list_and_a_returned_one_comes_back(client, world, today):
    report = file(world, world.period("month", 3))
    client.force_login(world.liming)
    assert len(due_rows(client.get("/due/").content.decode())) == 2
    services.return_report(report=report, by=world.wangfang, comment="请补充一季度投资数据")
    html = client.get("/due/").content.decode()
    assert (str(world.task.pk), str(world.period("month", 3).pk), "fix") in due_rows(html)
    assert "请补充一季度投资数据" in html
    assert "修改后重新报送" in html


def test_zhaoqiang_of_the_co_unit_is_asked_for_input_not_a_report(client, world, today):
    client.force_login(world.zhaoqiang)
    html = client.get("/due/").content.decode()
    assert {a for _, _, a in due_rows(html)} == {"co_input"}
    march = world.period("month", 3)
    assert f'href="/tasks/{world.task.pk}/periods/{march.pk}/co-input/"' in html
    client.post(
        f"/tasks/{world.task.pk}/periods/{march.pk}/co-input/", {"text": "工信局：技改项目完成投资3亿元。"}
    )
    assert (str(world.task.pk), str(march.pk), "co_input") not in due_rows(
        client.get("/due/").content.decode()
    )
    client.force_login(world.liming)
    html = client.get(f"/tasks/{world.task.pk}/periods/{march.pk}/report/").content.decode()
    assert "工信局：技改项目完成投资3亿元。" in html
    assert "区工信局" in html


def test_the_unit_leader_sees_reports_to_sign_off(client, world, today):
    today(dt.date(2026, 6, 10))
    report = file(world, world.period("half_year"), text=SUMMARY_120)
    client.force_login(world.fagai_leader)
    html = client.get("/due/").content.decode()
    assert due_rows(html) == [(str(world.task.pk), str(report.period.pk), "sign_off")]
    assert f'href="/reports/{report.pk}/"' in html


def test_a_locked_period_is_no_longer_due(world):
    services.close_period_review(period=world.period("month", 1), by=world.wangfang)
    periods = [r.period.start.month for r in due_for(world.liming, today=dt.date(2026, 4, 3))]
    assert periods == [2, 3]


def test_a_task_accepted_as_done_asks_no_more_monthly_reports(world):
    report = file(world, world.period("month", 1), status="done", percent=100)
    services.accept_report(report=report, by=world.wangfang)
    assert [r.period.kind for r in due_for(world.liming, today=dt.date(2026, 4, 3))] == []


def test_a_town_files_for_a_task_given_to_its_group(client, world, today):
    region = world.plan.region
    town = UnitFactory(region=region, name="后龙镇", kind="town")
    group = UnitFactory(region=region, name="各镇（街道）", kind="group")
    group.members.add(town)
    task = TaskFactory(plan=world.plan, seq=2)
    AssignmentFactory(task=task, unit=group, role="lead")
    hou = member("houlong", Role.LIAISON, region=region, unit=town)
    rows = due_for(hou, today=dt.date(2026, 4, 3))
    assert {r.unit for r in rows} == {town}
    client.force_login(hou)
    march = world.period("month", 3)
    response = client.post(
        f"/tasks/{task.pk}/periods/{march.pk}/report/",
        {"status": "on_track", "percent": "20", "text": "已开展"},
    )
    assert response.status_code == 302
    assert task.reports.get().unit == town


def test_observers_and_supervisors_have_nothing_due(client, world, today):
    for user in (world.zhoumin, world.wangfang):
        client.force_login(user)
        html = client.get("/due/").content.decode()
        assert due_rows(html) == []
        assert "暂无待办事项" in html


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "url", "pinned"),
    [
        # 我的待办 worked out after a write, then asked again (progress.due keeps it in the shared cache)
        ("liming", "/due/", (12, 3)),  # + 1: the notices to answer (supervision); kept whole: 3
        ("liming", "/api/v1/me/due", (10, 3)),
        ("zhaoqiang", "/due/", (12, 3)),  # + 1: the notices to answer (supervision); kept whole: 3
        # + the stuck sign-offs, the counts per period and unit, co-inputs
        ("wangfang", "/review/", (10, 10)),
    ],
)
def test_query_counts_do_not_grow_with_the_number_of_tasks(client, world, today, who, url, pinned):
    client.force_login(getattr(world, who))
    for task in add_tasks(world, 9):
        services.file_report(
            task=task,
            unit=world.fagai,
            period=world.period("month", 1),
            by=world.liming,
            status="on_track",
            percent=10,
            text="进展顺利",
        )
    ten = queries(client, url), queries(client, url)
    for task in add_tasks(world, 90):
        services.file_report(
            task=task,
            unit=world.fagai,
            period=world.period("month", 1),
            by=world.liming,
            status="on_track",
            percent=10,
            text="进展顺利",
        )
    hundred = queries(client, url), queries(client, url)
    assert ten == hundred == pinned


def test_the_kept_list_carries_each_log_ins_own_csrf_token(world, today):
    """Li Ming's list is rendered once and kept; its "no change" form still carries the token of his session
    of the moment — after he logs out and in again too — and the other liaison of his unit sees his own."""
    today(dt.date(2026, 5, 6))
    for month in (1, 2):
        services.close_period_review(period=world.period("month", month), by=world.wangfang)
    services.accept_report(report=file(world, world.period("month", 3)), by=world.wangfang)
    april = world.period("month", 4)
    url = f"/tasks/{world.task.pk}/periods/{april.pk}/no-change/"
    first = Client(enforce_csrf_checks=True)
    first.force_login(world.liming)
    _form_token(first.get("/due/").content.decode(), url)  # the list is rendered and kept
    first.logout()
    again = Client(enforce_csrf_checks=True)
    again.force_login(world.liming)
    html = again.get("/due/").content.decode()
    token = _form_token(html, url)
    assert "csrf-" not in html  # the marker is always replaced
    assert again.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert ProgressReport.objects.get(task=world.task, period=april).no_change


def _form_token(html: str, action: str) -> str:
    form = re.search(
        rf'action="{re.escape(action)}"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )
    assert form is not None, "no form for " + action
    return form.group(1)


def test_a_review_of_a_report_on_a_withdrawn_task_shows_in_filed_recently(client, world, today):
    """发改局 filed on a task since withdrawn (no longer on its list): when the office accepts that report, Li
    Ming's kept 我的待办 shows it passed under "filed recently" at once."""
    march = world.period("month", 3)
    report = file(world, march)
    Task.objects.filter(pk=world.task.pk).update(status=Task.Status.WITHDRAWN)
    client.force_login(world.liming)
    assert 'badge green">已通过' not in client.get("/due/").content.decode()
    services.accept_report(report=report, by=world.wangfang)
    assert 'badge green">已通过' in client.get("/due/").content.decode()


def test_the_kept_page_still_shows_the_message_of_what_was_just_done(world, today):
    """Li Ming's 我的待办 is kept whole; after he confirms "no change" it shows the confirmation once, with the
    line gone, and the log-out and language forms work with his session's token."""
    today(dt.date(2026, 5, 6))
    for month in (1, 2):
        services.close_period_review(period=world.period("month", month), by=world.wangfang)
    services.accept_report(report=file(world, world.period("month", 3)), by=world.wangfang)
    april = world.period("month", 4)
    liming = Client(enforce_csrf_checks=True)
    liming.force_login(world.liming)
    html = liming.get("/due/").content.decode()
    url = f"/tasks/{world.task.pk}/periods/{april.pk}/no-change/"
    done = liming.post(url, {"csrfmiddlewaretoken": _form_token(html, url)}, follow=True)
    page = done.content.decode()
    assert "已确认：本期与上期相比无变化。" in page
    assert (str(world.task.pk), str(april.pk), "file") not in due_rows(page)
    again = liming.get("/due/").content.decode()
    assert "已确认" not in again
    assert due_rows(again) == due_rows(page)
    assert liming.post("/logout/", {"csrfmiddlewaretoken": _form_token(again, "/logout/")}).status_code == 302
