"""王芳 of the 泉港区 supervision office reviews the reports; every version stays on the task's file."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from orgs.models import Membership, Role
from progress import services
from progress.models import ProgressReport, ReportVersion
from progress.services import ReportChanged, ReportInvalid, ReportStateError
from tests.factories import AssignmentFactory, member
from tests.progress.factories import add_tasks, file

pytestmark = pytest.mark.django_db


def test_wangfang_returns_a_report_liming_fixes_it_and_wangfang_accepts(client, world, today):
    march = world.period("month", 3)
    report = file(world, march, text="推进中")
    client.force_login(world.wangfang)
    html = client.get("/review/").content.decode()
    assert "审核队列" in html
    assert f'data-report="{report.pk}"' in html
    assert "推进中" in html

    response = client.post(
        f"/reports/{report.pk}/return/", {"comment": "请写明一季度GDP增速", "version": "1"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.review_comment, report.version) == ("returned", "请写明一季度GDP增速", 2)
    assert f'data-report="{report.pk}"' not in client.get("/review/").content.decode()

    client.force_login(world.liming)
    form = client.get(f"/tasks/{world.task.pk}/periods/{march.pk}/report/").content.decode()
    assert "退回意见" in form
    assert "请写明一季度GDP增速" in form
    assert 'value="2"' in form
    client.post(
        f"/tasks/{world.task.pk}/periods/{march.pk}/report/",
        {"status": "on_track", "percent": "25", "text": "一季度GDP增长5.6%", "version": "2"},
    )
    report.refresh_from_db()
    assert (report.state, report.version) == ("filed", 3)

    client.force_login(world.wangfang)
    client.post(f"/reports/{report.pk}/accept/", {"version": "3"})
    report.refresh_from_db()
    assert (report.state, report.reviewed_by) == ("accepted", world.wangfang)
    actions = list(report.versions.values_list("number", "action"))
    assert actions == [(1, "filed"), (2, "returned"), (3, "filed"), (4, "accepted")]
    verbs = set(AuditEvent.objects.filter(object_id=str(report.pk)).values_list("verb", flat=True))
    assert {"progress.report_filed", "progress.report_returned", "progress.report_accepted"} <= verbs


def test_every_version_is_on_the_task_timeline(client, world, today):
    report = file(world, world.period("month", 3), text="第一稿")
    services.return_report(report=report, by=world.wangfang, comment="数据不全")
    file(world, world.period("month", 3), text="第二稿", version=2)
    services.add_co_input(
        task=world.task,
        period=world.period("month", 3),
        unit=world.gongxin,
        by=world.zhaoqiang,
        text="协办：已完成",
    )
    client.force_login(world.zhoumin)
    html = client.get(f"/tasks/{world.task.pk}/timeline/").content.decode()
    assert "全周期档案" in html
    for words in ("第一稿", "数据不全", "第二稿", "协办：已完成"):
        assert words in html
    assert html.index("第二稿") < html.index("数据不全") < html.index("第一稿")  # newest first


def test_a_return_needs_a_comment(client, world):
    report = file(world, world.period("month", 3))
    with pytest.raises(ReportInvalid) as e:
        services.return_report(report=report, by=world.wangfang, comment="  ")
    assert "退回前请写明" in e.value.errors["comment"][0]
    client.force_login(world.wangfang)
    client.post(f"/reports/{report.pk}/return/", {"comment": "", "version": "1"})
    report.refresh_from_db()
    assert report.state == "filed"


def test_a_report_cannot_be_accepted_twice(world):
    report = services.accept_report(report=file(world, world.period("month", 3)), by=world.wangfang)
    with pytest.raises(ReportStateError):
        services.accept_report(report=report, by=world.wangfang)


def test_chenjing_of_licheng_sees_an_empty_queue(client, world):
    file(world, world.period("month", 3))
    client.force_login(world.chenjing)
    html = client.get("/review/").content.decode()
    assert "暂无待审核的报告" in html


def test_the_queue_warns_until_the_office_enters_the_missing_holidays(client, world, today):
    client.force_login(world.wangfang)
    html = client.get("/review/").content.decode()
    assert "系统尚无2027年的节假日安排" in html
    response = client.post(
        f"/plans/{world.plan.pk}/calendar/holidays/",
        {"year": "2027", "holidays": "2027-01-01\n2027-02-06~2027-02-13", "workdays": "2027-02-14"},
    )
    assert response.status_code == 302
    assert "系统尚无2027年" not in client.get("/review/").content.decode()


def test_bad_holiday_dates_are_explained(client, world):
    client.force_login(world.wangfang)
    response = client.post(
        f"/plans/{world.plan.pk}/calendar/holidays/",
        {"year": "2027", "holidays": "1月1日", "workdays": ""},
        follow=True,
    )
    assert "无法识别：1月1日" in response.content.decode()


def test_wangfang_closes_the_march_review_and_the_period_locks(client, world, today):
    today(dt.date(2026, 4, 20))
    client.force_login(world.wangfang)
    march = world.period("month", 3)
    html = client.get("/review/").content.decode()
    assert f"/periods/{march.pk}/close/" in html
    client.post(f"/periods/{march.pk}/close/")
    march.refresh_from_db()
    assert march.locked
    client.force_login(world.liming)
    response = client.post(
        f"/tasks/{world.task.pk}/periods/{march.pk}/report/",
        {"status": "on_track", "percent": "20", "text": "迟报"},
    )
    assert "本期审核已结束" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_after_the_close_no_report_of_the_period_is_accepted_returned_or_signed_off(world):
    filed = file(world, world.period("month", 3))
    world.fagai.requires_signoff = True
    world.fagai.save()
    waiting = file(world, world.period("month", 3), text="补充说明", version=filed.version)
    assert waiting.state == "pending_signoff"
    services.close_period_review(period=world.period("month", 3), by=world.wangfang)
    waiting.refresh_from_db()
    attempts = [
        lambda: services.sign_off(report=waiting, by=world.fagai_leader, version=waiting.version),
        lambda: services.accept_report(report=waiting, by=world.wangfang),
        lambda: services.return_report(report=waiting, by=world.wangfang, comment="请补充数据"),
    ]
    for attempt in attempts:
        with pytest.raises(ReportStateError) as refused:
            attempt()
        assert str(refused.value) == "本期审核已结束，报告不能再修改。"
    waiting.refresh_from_db()
    assert (waiting.state, waiting.version) == ("pending_signoff", 2)


def test_wangfang_edits_the_calendar_page(client, world):
    client.force_login(world.wangfang)
    html = client.get(f"/plans/{world.plan.pk}/calendar/").content.decode()
    assert "报送日历" in html
    assert "2026-04-08" in html
    response = client.post(
        f"/plans/{world.plan.pk}/calendar/",
        {
            "routine": "month",
            "routine_due_working_day": "3",
            "lock_after_working_days": "5",
            "half_year_due_month": "6",
            "half_year_due_day": "17",
            "annual_due_month": "12",
            "annual_due_day": "15",
            "summaries_need_signoff": "on",
        },
    )
    assert response.status_code == 302
    assert world.period("month", 3).due_date == dt.date(2026, 4, 3)
    response = client.post(
        f"/plans/{world.plan.pk}/calendar/", {"routine": "month", "routine_due_working_day": "40"}
    )
    assert "请填写1到20之间的数字" in response.content.decode()


class TestSignOff:
    """区发改局 switches on its leader's sign-off for monthly reports."""

    @pytest.fixture(autouse=True)
    def signoff(self, world):
        world.fagai.requires_signoff = True
        world.fagai.save()

    def test_a_report_waits_for_the_leader_before_reaching_the_office(self, client, world, today):
        report = file(world, world.period("month", 3))
        assert report.state == "pending_signoff"
        client.force_login(world.wangfang)
        assert f'data-report="{report.pk}"' not in client.get("/review/").content.decode()
        client.force_login(world.fagai_leader)
        html = client.get(f"/reports/{report.pk}/").content.decode()
        assert "审签并报送督查室" in html
        client.post(f"/reports/{report.pk}/sign-off/", {"version": "1"})
        report.refresh_from_db()
        assert (report.state, report.signed_off_by) == ("filed", world.fagai_leader)
        client.force_login(world.wangfang)
        assert f'data-report="{report.pk}"' in client.get("/review/").content.decode()

    def test_a_new_version_needs_a_new_sign_off(self, world):
        report = services.sign_off(report=file(world, world.period("month", 3)), by=world.fagai_leader)
        report = file(world, world.period("month", 3), text="补充", version=report.version)
        assert report.state == "pending_signoff"
        assert report.signed_off_by is None
        assert ReportVersion.objects.filter(report=report, action="signed_off").count() == 1

    def test_a_sign_off_is_recorded_with_its_leader_and_no_comment(self, world):
        report = file(world, world.period("month", 3))
        signed = services.sign_off(report=report, by=world.fagai_leader, version=report.version)
        version = ReportVersion.objects.get(report=signed, action="signed_off")
        assert (version.state, version.comment, version.number) == ("filed", "", signed.version)
        assert version.by == world.fagai_leader
        event = AuditEvent.objects.filter(verb="progress.report_signed_off", object_id=str(report.pk)).get()
        assert event.actor == world.fagai_leader
        assert event.before["state"] == "pending_signoff"
        assert (event.after["state"], event.after["comment"]) == ("filed", "")
        stored = type(report).objects.get(pk=report.pk)
        assert (stored.signed_off_by, stored.signed_off_at is not None) == (world.fagai_leader, True)

    def test_the_office_cannot_accept_a_report_not_signed_off(self, world):
        with pytest.raises(ReportStateError):
            services.accept_report(report=file(world, world.period("month", 3)), by=world.wangfang)


def test_from_the_queue_htmx_gets_the_reviewed_row_back_in_place(client, world):
    report = file(world, world.period("month", 3))
    client.force_login(world.wangfang)
    response = client.post(f"/reports/{report.pk}/accept/", {"version": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<tr")
    assert 'data-state="accepted"' in html
    assert "已审核通过" in html
    response = client.post(f"/reports/{report.pk}/return/", {"comment": "晚了"}, HTTP_HX_REQUEST="true")
    assert "该报告当前为“已通过”" in response.content.decode()


class TestStuckSignOff:
    """区发改局 wants its leader's sign-off, but its only unit leader account was removed."""

    @pytest.fixture(autouse=True)
    def leaderless(self, world):
        world.fagai.requires_signoff = True
        world.fagai.save()
        Membership.objects.filter(unit=world.fagai, role=Role.UNIT_LEADER).delete()

    def test_wangfang_is_told_which_units_wait_and_what_to_do(self, client, world, today):
        client.force_login(world.wangfang)
        assert "stuck-signoff" not in client.get("/review/").content.decode()
        file(world, world.period("month", 3))
        html = client.get("/review/").content.decode()
        assert "stuck-signoff" in html
        assert f'data-unit="{world.fagai.pk}"' in html
        assert "区发改局：1份报告待审签" in html
        assert "管理后台 › 角色授权" in html
        assert "报送日历" in html
        assert f"/plans/{world.plan.pk}/calendar/" in html

        client.force_login(world.chenjing)
        assert "stuck-signoff" not in client.get("/review/").content.decode()

        member("fagai_leader2", Role.UNIT_LEADER, region=world.fagai.region, unit=world.fagai)
        client.force_login(world.wangfang)
        assert "stuck-signoff" not in client.get("/review/").content.decode()

    def test_an_inactive_leader_account_does_not_count(self, world):
        leader = member("fagai_leader2", Role.UNIT_LEADER, region=world.fagai.region, unit=world.fagai)
        leader.is_active = False
        leader.save()
        file(world, world.period("month", 3))
        assert [s.unit_name for s in services.stuck_signoffs(region_ids=None)] == ["区发改局"]

    def test_more_stuck_units_cost_no_more_queries(self, client, world, today):
        client.force_login(world.wangfang)
        file(world, world.period("month", 3))
        client.get("/review/")
        with CaptureQueriesContext(connection) as one:
            client.get("/review/")
        for unit, liaison in ((world.gongxin, world.zhaoqiang), (world.jiaoyu, world.jiaoyu_liaison)):
            unit.requires_signoff = True
            unit.save()
            Membership.objects.filter(unit=unit, role=Role.UNIT_LEADER).delete()
            task = add_tasks(world, 1)[0]
            AssignmentFactory(task=task, unit=unit, role="lead")
            services.file_report(
                task=task,
                unit=unit,
                period=world.period("month", 3),
                by=liaison,
                status="on_track",
                percent=10,
                text="进展",
            )
        with CaptureQueriesContext(connection) as three:
            html = client.get("/review/").content.decode()
        assert html.count('<li data-unit="') == 3
        assert len(three.captured_queries) == len(one.captured_queries)


def test_an_acceptance_is_recorded_with_wangfang_her_comment_and_the_time(world):
    """The report, its new version and the audit log all say that 王芳 accepted it, when, and what she said."""
    report = file(world, world.period("month", 3))
    services.accept_report(report=report, by=world.wangfang, version=report.version, comment=" 数据详实 ")
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.state, stored.reviewed_by, stored.review_comment) == (
        "accepted",
        world.wangfang,
        "数据详实",
    )
    assert stored.reviewed_at is not None
    version = stored.versions.get(action="accepted")
    assert (version.by, version.comment) == (world.wangfang, "数据详实")
    event = AuditEvent.objects.get(verb="progress.report_accepted", object_id=str(report.pk))
    assert (event.actor, event.after["comment"]) == (world.wangfang, "数据详实")


def test_an_acceptance_without_a_comment_clears_the_earlier_return_comment(world):
    """李明 fixed what 王芳 asked for; once she accepts without a word, her old return comment is gone."""
    report = file(world, world.period("month", 3))
    services.return_report(report=report, by=world.wangfang, comment="请补充一季度数据", version=1)
    fixed = file(world, world.period("month", 3), text="一季度GDP增长5.6%", version=2)
    services.accept_report(report=fixed, by=world.wangfang, version=fixed.version)
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.state, stored.review_comment) == ("accepted", "")
    assert stored.versions.get(action="accepted").comment == ""


def test_a_return_is_recorded_with_wangfang_and_the_time(world):
    """The returned report and its new version say that 王芳 returned it, and when."""
    report = file(world, world.period("month", 3))
    services.return_report(report=report, by=world.wangfang, comment="请补充一季度数据", version=1)
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.state, stored.reviewed_by, stored.review_comment) == (
        "returned",
        world.wangfang,
        "请补充一季度数据",
    )
    assert stored.reviewed_at is not None
    assert stored.versions.get(action="returned").by == world.wangfang
    event = AuditEvent.objects.get(verb="progress.report_returned", object_id=str(report.pk))
    assert event.actor == world.wangfang


def test_wangfang_cannot_return_a_version_she_has_not_seen(world):
    """王芳 opened version 1; meanwhile 李明 filed version 2. Her return (of version 1) is refused, not applied
    to a version she never read."""
    first = file(world, world.period("month", 3))
    file(world, world.period("month", 3), text="补充：一季度GDP增长5.6%", version=first.version)
    current = ProgressReport.objects.get(pk=first.pk)
    with pytest.raises(ReportChanged):
        services.return_report(report=current, by=world.wangfang, comment="数据不全", version=1)
    current.refresh_from_db()
    assert (current.state, current.version) == ("filed", 2)
