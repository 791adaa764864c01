"""Stories the mutation run of progress/access.py found untold (issue #10): each test here fails with one or
more of the surviving mutants applied and passes without them (the table of issue #10 says which)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from orgs.models import Membership, Person, Region, Role, Unit
from orgs.roles import roles_of
from progress import services
from progress.access import (
    Action,
    ReportOffers,
    access_co_unit_period,
    access_evidence,
    access_period,
    access_report,
    access_reporting,
    can_assign_roles,
    check_co_unit_liaison,
    check_filer,
    own_unit_reports,
    report_offers,
    units_for,
    visible_reports,
)
from progress.models import Evidence, Period, ProgressReport
from targets.models import Assignment, Task
from tests.factories import PersonFactory, PlanFactory, TaskLeaderFactory, UnitFactory, member
from tests.progress.factories import FORBIDDEN, MONTHLY_TEXT, NOT_FOUND, OK, World, file, outcome

pytestmark = pytest.mark.django_db


def second_task(world: World) -> Task:
    """Task 2 of the plan: led by 教育局, in the charge of another district leader, 黄卫东."""
    task = Task.objects.create(
        plan=world.plan, seq=2, text="新建改扩建中小学校3所。", due_date=world.task.due_date
    )
    Assignment.objects.create(task=task, unit=world.jiaoyu, role=Assignment.Role.LEAD)
    huang: Any = PersonFactory(region=world.plan.region, name="黄卫东", kind=Person.Kind.LEADER)
    TaskLeaderFactory(task=task, person=huang)
    return task


def file_second(world: World, task: Task) -> ProgressReport:
    return services.file_report(
        task=task,
        unit=world.jiaoyu,
        period=world.period("month", 3),
        by=world.jiaoyu_liaison,
        status="on_track",
        percent=30,
        text=MONTHLY_TEXT,
    )


# ---- who acts for a unit on a task ----------------------------------------------------------------------


def test_a_unit_that_leads_another_task_does_not_file_this_one(world, today):
    """区工信局 leads task 2 and only helps on task 1: 赵强 files task 2, never task 1's report."""
    other = Task.objects.create(plan=world.plan, seq=2, text="另一项任务。", due_date=world.task.due_date)
    Assignment.objects.create(task=other, unit=world.gongxin, role=Assignment.Role.LEAD)
    assert units_for(world.zhaoqiang, other, role=Assignment.Role.LEAD) == [world.gongxin.pk]
    assert units_for(world.zhaoqiang, world.task, role=Assignment.Role.LEAD) == []
    assert outcome(lambda: check_filer(world.zhaoqiang, world.task, world.gongxin)) == FORBIDDEN
    march = world.period("month", 3)
    assert (
        outcome(lambda: access_reporting(world.zhaoqiang, world.task.pk, march.pk, for_action=Action.FILE))
        == FORBIDDEN
    )


def test_a_towns_groups_are_read_once_per_request(world, django_assert_num_queries):
    """后龙镇 helps on task 1 through 各镇（街道）. The groups of 林晓's town are read with her roles, once per
    request: the next check asks only for the task's assignments."""
    towns = UnitFactory(region=world.plan.region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    houlong = UnitFactory(region=world.plan.region, name="后龙镇", kind=Unit.Kind.TOWN)
    towns.members.add(houlong)
    Assignment.objects.create(task=world.task, unit=towns, role=Assignment.Role.CO)
    linxiao = member("linxiao", Role.LIAISON, region=world.plan.region, unit=houlong)
    roles_of(linxiao)  # the request's roles
    assert units_for(linxiao, world.task, role=Assignment.Role.CO) == [houlong.pk]
    with django_assert_num_queries(1):
        assert units_for(linxiao, world.task, role=Assignment.Role.LEAD) == []


# ---- the office files on a unit's behalf: the command line too, no one else ------------------------------


def test_a_command_files_for_the_lead_unit_as_the_office_does(world):
    """`manage.py import_ledger` without --as (the 台账 round trip from the command line) files for 发改局,
    which leads task 1, and not for 工信局, which only helps."""
    command = "manage.py import_ledger"
    assert outcome(lambda: check_filer(command, world.task, world.fagai)) == OK
    assert outcome(lambda: check_filer(command, world.task, world.gongxin)) == FORBIDDEN


@pytest.mark.parametrize("nobody", [None, "cron", AnonymousUser()])
def test_no_one_signed_in_files_anything(world, nobody):
    """No user, a string that is not a command, an anonymous visitor: refused (403), not an error."""
    assert outcome(lambda: check_filer(nobody, world.task, world.fagai)) == FORBIDDEN


# ---- who reads which reports ----------------------------------------------------------------------------


def test_each_reads_the_reports_of_their_own_tasks(world, today):
    """曾国志 is in charge of task 1, 黄卫东 of task 2 (led by 教育局). 曾国志 reads task 1's report and not
    task 2's; 教育局's liaison reads task 2's and not task 1's."""
    task2 = second_task(world)
    first = file(world, world.period("month", 3))
    second = file_second(world, task2)
    assert list(visible_reports(world.zengguozhi)) == [first]
    assert list(visible_reports(world.jiaoyu_liaison)) == [second]
    assert set(visible_reports(world.zhoumin)) == {first, second}


def test_someone_with_two_roles_reads_what_each_role_gives(world, today):
    """The district head 林区长 observes 泉港区 and is in charge of task 2 himself; 王芳 of the office is also
    the liaison of 区委办, a unit with no task. Each still reads every report of the region."""
    task2 = second_task(world)
    first = file(world, world.period("month", 3))
    second = file_second(world, task2)
    region = world.plan.region
    head_person = PersonFactory(region=region, name="林区长", kind=Person.Kind.LEADER)
    TaskLeaderFactory(task=task2, person=head_person)
    head = member("linquzhang", Role.OBSERVER, region=region)
    Membership.objects.create(user=head, role=Role.LEADER, region=region, person=head_person)
    office_unit = UnitFactory(region=region, name="区委办")
    wangfang = get_user_model().objects.get(pk=world.wangfang.pk)
    Membership.objects.create(user=wangfang, role=Role.LIAISON, region=region, unit=office_unit)
    assert set(visible_reports(head)) == {first, second}
    assert set(visible_reports(wangfang)) == {first, second}


def test_a_unit_lists_its_own_reports(world, today):
    """我的待办's "recently filed": 发改局's liaison and leader see 发改局's report; 工信局's liaison does not."""
    report = file(world, world.period("month", 3))
    assert list(own_unit_reports(world.liming)) == [report]
    assert list(own_unit_reports(world.fagai_leader)) == [report]
    assert list(own_unit_reports(world.zhaoqiang)) == []


def test_a_report_comes_with_everything_its_page_names_in_one_query(world, today, django_assert_num_queries):
    """The report page names the task, region, unit, period, filer, signer and reviewer: one query for all."""
    services.set_signoff(unit=world.fagai, required=True, by=world.wangfang)
    report = file(world, world.period("month", 3))
    report = services.sign_off(report=report, by=world.fagai_leader, version=report.version)
    report = services.accept_report(report=report, by=world.wangfang, version=report.version)
    roles_of(world.wangfang)  # the request's roles
    with django_assert_num_queries(1):
        got = access_report(world.wangfang, report.pk, for_action=Action.READ)
        names = (
            got.task.plan.region.name,
            got.unit.name,
            got.period.kind,
            got.filed_by.username,
            got.signed_off_by.username,
            got.reviewed_by.username,
        )
    assert names == ("泉港区", "区发改局", "month", "liming", "fagai_leader", "wangfang")


def test_a_period_comes_with_its_plan_and_region(world, django_assert_num_queries):
    period = access_period(world.wangfang, world.period("month", 3).pk, for_action=Action.READ)
    with django_assert_num_queries(0):
        assert period.plan.region.name == "泉港区"


def test_evidence_is_found_in_three_queries(world, today, django_assert_num_queries):
    """The evidence's report (a light read), the report as the reader may see it, the evidence itself."""
    file(world, world.period("month", 3), evidence=[SimpleUploadedFile("快报.pdf", b"%PDF-1.4 test")])
    evidence = Evidence.objects.get()
    roles_of(world.zhoumin)  # the request's roles
    with django_assert_num_queries(3):
        got = access_evidence(world.zhoumin, evidence.pk)
    assert got.name == "快报.pdf"


# ---- a co-unit answers "nothing to add" for a period -----------------------------------------------------


def test_a_co_units_liaison_answers_for_his_own_unit_only(world):
    """赵强 answers for 工信局 on March; 李明 may not answer for 工信局; 陈静 (鲤城区) does not see the plan."""
    march = world.period("month", 3)
    assert access_co_unit_period(world.zhaoqiang, march.pk, world.gongxin.pk) == (march, world.gongxin)
    assert outcome(lambda: access_co_unit_period(world.liming, march.pk, world.gongxin.pk)) == FORBIDDEN
    assert outcome(lambda: access_co_unit_period(world.chenjing, march.pk, world.gongxin.pk)) == NOT_FOUND
    assert outcome(lambda: check_co_unit_liaison(world.zhaoqiang, world.gongxin)) == OK
    assert outcome(lambda: check_co_unit_liaison(world.liming, world.gongxin)) == FORBIDDEN


def test_a_unit_of_another_region_does_not_answer_on_this_plan(world):
    """赵强 is seconded to 鲤城区工信局 as its liaison too: that unit has no say on 泉港区's periods (404)."""
    licheng = Region.objects.get(name="鲤城区")
    licheng_gongxin = UnitFactory(region=licheng, name="鲤城区工信局")
    Membership.objects.create(user=world.zhaoqiang, role=Role.LIAISON, region=licheng, unit=licheng_gongxin)
    march = world.period("month", 3)
    assert outcome(lambda: access_co_unit_period(world.zhaoqiang, march.pk, licheng_gongxin.pk)) == NOT_FOUND


# ---- what a report's page offers ------------------------------------------------------------------------


def _offers(who: Any, report_id: int) -> ReportOffers:
    return report_offers(who, ProgressReport.objects.select_related("period").get(pk=report_id))


@pytest.mark.parametrize(
    ("state", "locked", "who", "offers"),
    [
        # waiting for review: the office reviews; the liaison may still change it
        ("filed", False, "wangfang", "review"),
        ("filed", False, "liming", "edit"),
        ("filed", False, "fagai_leader", ""),
        ("filed", False, "zhoumin", ""),
        # waiting for the unit leader
        ("pending_signoff", False, "fagai_leader", "sign_off"),
        ("pending_signoff", False, "wangfang", ""),
        ("pending_signoff", False, "liming", "edit"),
        # accepted: the office may reopen it while the period is open
        ("accepted", False, "wangfang", "reopen"),
        ("accepted", False, "liming", ""),
        ("accepted", True, "wangfang", ""),
        # returned, the period closed: nothing left to do
        ("returned", True, "liming", ""),
        ("returned", False, "liming", "edit"),
        ("returned", False, "wangfang", ""),
    ],
)
def test_a_report_page_offers_each_person_only_their_next_step(world, today, state, locked, who, offers):
    report = file(world, world.period("month", 3))
    ProgressReport.objects.filter(pk=report.pk).update(state=state)
    Period.objects.filter(pk=report.period_id).update(locked=locked)
    expected = ReportOffers(
        review="review" in offers,
        sign_off="sign_off" in offers,
        edit="edit" in offers,
        reopen="reopen" in offers,
    )
    assert _offers(getattr(world, who), report.pk) == expected


def test_an_admin_is_offered_the_office_s_steps_anywhere(world, today):
    admin = get_user_model().objects.create_superuser("admin", password="admin-pw-2026")
    report = file(world, world.period("month", 3))
    assert _offers(admin, report.pk) == ReportOffers(review=True, sign_off=False, edit=False, reopen=False)


def test_only_staff_are_offered_the_roles_form(world):
    staff = get_user_model().objects.create_user("staff", password="staff-pw-2026", is_staff=True)
    assert can_assign_roles(staff) is True
    for who in (world.wangfang, world.liming, AnonymousUser(), None):
        assert can_assign_roles(who) is False, who


# ---- the API's 404 ----------------------------------------------------------------------------------------


def test_the_api_answers_an_unknown_report_or_period_with_404_in_chinese(world, today):
    """An unknown report, or a period of another plan for a task that was found: 404, 未找到。 (api.errors; the
    access helpers' English notes are for developers)."""
    last_year = PlanFactory(region=world.plan.region, year=2025)
    services.ensure_periods(plan=last_year, by="manage.py periods")
    foreign = last_year.periods.first()
    assert foreign is not None
    client = Client()
    client.force_login(world.liming)
    response = client.get("/api/v1/reports/99999")
    assert (response.status_code, response.json()) == (404, {"detail": "未找到。"})
    body = {"period_id": foreign.pk, "status": "on_track", "percent": 30, "text": MONTHLY_TEXT, "version": 1}
    response = client.post(f"/api/v1/tasks/{world.task.pk}/reports", body, content_type="application/json")
    assert (response.status_code, response.json()) == (404, {"detail": "未找到。"})
