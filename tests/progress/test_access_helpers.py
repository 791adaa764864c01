"""The access helpers of the reporting loop, asked directly: for each person and each action, the object,
a 404 (not theirs) or a 403 (theirs to read, not to do). The pages and the API rest on these answers."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from orgs.models import Role, Unit
from progress import services
from progress.access import (
    Action,
    access_calendar,
    access_evidence,
    access_period,
    access_report,
    access_reporting,
    access_task_for,
    expand_groups,
    report_filter,
    review_regions,
    units_for,
    visible_reports,
)
from progress.models import Evidence
from targets.models import Assignment
from tests.factories import PlanFactory, UnitFactory, member
from tests.progress.factories import FORBIDDEN, NOT_FOUND, OK, file, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, today):
    return file(world, world.period("month", 3), evidence=[SimpleUploadedFile("快报.pdf", b"%PDF-1.4 test")])


@pytest.mark.parametrize(
    ("who", "read", "file_", "sign_off", "review", "co_input"),
    [
        ("liming", OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
        ("fagai_leader", OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
        ("wangfang", OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN),
        ("zhaoqiang", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
        ("gongxin_leader", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
        ("zhoumin", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
        ("zengguozhi", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
        ("jiaoyu_liaison", NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
        ("chenjing", NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ],
)
def test_a_report_by_person_and_action(world, report, who, read, file_, sign_off, review, co_input):
    user = getattr(world, who)
    expected = {
        Action.READ: read,
        Action.FILE: file_,
        Action.SIGN_OFF: sign_off,
        Action.REVIEW: review,
        Action.CO_INPUT: co_input,  # co-input is given on the task and period, never on a report
    }
    got = {
        action: outcome(lambda a=action: access_report(user, report.pk, for_action=a)) for action in expected
    }
    assert got == expected
    if read == OK:
        assert access_report(user, report.pk, for_action=Action.READ) == report


def test_a_report_that_does_not_exist_is_404_for_everyone(world, report):
    admin = get_user_model().objects.create_superuser("admin", password="admin-pw-2026")
    assert outcome(lambda: access_report(admin, report.pk + 1000, for_action=Action.READ)) == NOT_FOUND
    assert access_report(admin, report.pk, for_action=Action.READ) == report


@pytest.mark.parametrize(
    ("who", "read", "review", "file_"),
    [
        ("wangfang", OK, OK, FORBIDDEN),
        ("liming", OK, FORBIDDEN, FORBIDDEN),
        ("zhoumin", OK, FORBIDDEN, FORBIDDEN),
        ("chenjing", NOT_FOUND, NOT_FOUND, NOT_FOUND),
        ("jiaoyu_liaison", NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ],
)
def test_a_period_and_a_calendar_by_person(world, who, read, review, file_):
    user = getattr(world, who)
    period = world.period("month", 3)
    for action, expected in ((Action.READ, read), (Action.REVIEW, review), (Action.FILE, file_)):
        assert outcome(lambda a=action: access_period(user, period.pk, for_action=a)) == expected, action
        assert outcome(lambda a=action: access_calendar(user, world.plan.pk, for_action=a)) == expected, (
            action
        )
    if read == OK:
        assert access_period(user, period.pk, for_action=Action.READ) == period
        assert access_calendar(user, world.plan.pk, for_action=Action.READ) == world.plan


def test_a_period_that_does_not_exist_is_404(world):
    missing = max(p.pk for p in world.plan.periods.all()) + 1
    assert outcome(lambda: access_period(world.wangfang, missing, for_action=Action.READ)) == NOT_FOUND


def test_evidence_is_read_by_whoever_reads_its_report(world, report):
    evidence = Evidence.objects.get()
    got = access_evidence(world.zhoumin, evidence.pk)
    assert (got.pk, got.report, got.name) == (evidence.pk, report, "快报.pdf")
    assert outcome(lambda: access_evidence(world.chenjing, evidence.pk)) == NOT_FOUND
    assert outcome(lambda: access_evidence(world.jiaoyu_liaison, evidence.pk)) == NOT_FOUND
    assert outcome(lambda: access_evidence(world.wangfang, evidence.pk + 1)) == NOT_FOUND


def test_the_review_queue_is_the_office_s_and_the_admin_s(world):
    admin = get_user_model().objects.create_superuser("admin", password="admin-pw-2026")
    assert review_regions(admin) is None
    assert review_regions(world.wangfang) == frozenset({world.plan.region_id})
    for who in ("liming", "fagai_leader", "zhoumin", "zengguozhi"):
        assert outcome(lambda w=who: review_regions(getattr(world, w))) == FORBIDDEN, who


def test_the_admin_reads_every_report_without_a_filter(world, report):
    admin = get_user_model().objects.create_superuser("admin", password="admin-pw-2026")
    assert report_filter(admin) is None
    assert list(visible_reports(admin)) == [report]
    assert report_filter(world.liming) is not None
    assert list(visible_reports(world.chenjing)) == []


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("liming", Action.FILE, "fagai"),
        ("zhaoqiang", Action.CO_INPUT, "gongxin"),
        ("liming", Action.READ, None),
        ("wangfang", Action.READ, None),
    ],
)
def test_reporting_access_names_the_unit_that_acts(world, who, action, expected):
    period = world.period("month", 3)
    r = access_reporting(getattr(world, who), world.task.pk, period.pk, for_action=action)
    assert (r.task, r.period) == (world.task, period)
    assert r.unit == (getattr(world, expected) if expected else None)


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("zhaoqiang", Action.FILE),  # a co-unit does not file
        ("liming", Action.CO_INPUT),  # the lead unit gives no co-input
        ("wangfang", Action.FILE),  # the office reads and reviews
        ("fagai_leader", Action.FILE),  # the unit leader signs off, the liaison files
        ("liming", Action.SIGN_OFF),  # not an action on a task and period
        ("liming", Action.REVIEW),
    ],
)
def test_reporting_access_refuses_who_may_not_act(world, who, action):
    period = world.period("month", 3)
    assert outcome(
        lambda: access_reporting(getattr(world, who), world.task.pk, period.pk, for_action=action)
    ) == (FORBIDDEN)
    assert (
        outcome(lambda: access_task_for(getattr(world, who), world.task.pk, for_action=action)) == FORBIDDEN
    )


def test_reporting_access_is_404_for_a_period_of_another_plan(world):
    last_year = PlanFactory(region=world.plan.region, year=2025)
    services.ensure_periods(plan=last_year, by="manage.py periods")
    foreign = last_year.periods.first()
    assert foreign is not None
    assert (
        outcome(lambda: access_reporting(world.liming, world.task.pk, foreign.pk, for_action=Action.FILE))
        == NOT_FOUND
    )


def test_task_access_lists_the_acting_units(world):
    assert access_task_for(world.liming, world.task.pk, for_action=Action.FILE) == (
        world.task,
        [world.fagai.pk],
    )
    assert access_task_for(world.zhaoqiang, world.task.pk, for_action=Action.CO_INPUT) == (
        world.task,
        [world.gongxin.pk],
    )
    assert access_task_for(world.zhoumin, world.task.pk, for_action=Action.READ) == (world.task, [])
    assert (
        outcome(lambda: access_task_for(world.chenjing, world.task.pk, for_action=Action.READ)) == NOT_FOUND
    )


def test_a_town_acts_for_the_group_the_task_is_given_to(world):
    towns = UnitFactory(region=world.plan.region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    houlong = UnitFactory(region=world.plan.region, name="后龙镇", kind=Unit.Kind.TOWN)
    towns.members.add(houlong)
    Assignment.objects.create(task=world.task, unit=towns, role=Assignment.Role.CO)
    town_liaison = member("houlong", Role.LIAISON, region=world.plan.region, unit=houlong)
    town_leader = member("houlong_leader", Role.UNIT_LEADER, region=world.plan.region, unit=houlong)

    assert expand_groups({houlong.pk}) == {houlong.pk: houlong.pk, towns.pk: houlong.pk}
    assert expand_groups(set()) == {}
    assert units_for(town_liaison, world.task, role=Assignment.Role.CO) == [houlong.pk]
    assert units_for(town_liaison, world.task, role=Assignment.Role.LEAD) == []
    assert units_for(town_leader, world.task, role=Assignment.Role.CO) == []
    assert units_for(town_leader, world.task, role=Assignment.Role.CO, acting_as="unit_leader") == [
        houlong.pk
    ]
    assert units_for(world.wangfang, world.task, role=Assignment.Role.CO) == []
    period = world.period("month", 3)
    r = access_reporting(town_liaison, world.task.pk, period.pk, for_action=Action.CO_INPUT)
    assert r.unit == houlong


@pytest.mark.parametrize(
    ("who", "answer"),
    [
        ("liming", OK),  # the liaison of 发改局, the lead unit
        ("wangfang", OK),  # the office files on the unit's behalf (the 台账 round trip)
        ("zhaoqiang", FORBIDDEN),  # a co-unit's liaison adds input; he does not file the lead's report
        ("fagai_leader", FORBIDDEN),  # the unit leader signs off; he does not file
        ("chenjing", FORBIDDEN),  # another region's office
    ],
)
def test_who_may_file_the_lead_units_report(world, who, answer):
    from progress.access import check_filer

    assert outcome(lambda: check_filer(getattr(world, who), world.task, world.fagai)) == answer


def test_the_office_files_only_for_a_unit_that_leads_the_task(world):
    """区工信局 helps on this task and leads another one: the office still cannot file this task for it."""
    from progress.access import check_filer
    from targets.models import Task

    other = Task.objects.create(
        plan=world.task.plan, seq=99, text="另一项任务。", due_date=world.task.due_date
    )
    Assignment.objects.create(task=other, unit=world.gongxin, role=Assignment.Role.LEAD)
    assert outcome(lambda: check_filer(world.wangfang, world.task, world.gongxin)) == FORBIDDEN
    assert outcome(lambda: check_filer(world.wangfang, other, world.gongxin)) == OK


def test_the_office_files_for_a_town_whose_group_leads_the_task(world):
    """各镇（街道） leads a task: each member town files its own report; the office may file for 后龙镇, not for a
    town outside the group."""
    from progress.access import check_filer
    from targets.models import Task

    region = world.task.plan.region
    towns = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    houlong = UnitFactory(region=region, name="后龙镇", kind=Unit.Kind.TOWN)
    shanyao = UnitFactory(region=region, name="山腰街道", kind=Unit.Kind.TOWN)
    towns.members.add(houlong)
    task = Task.objects.create(
        plan=world.task.plan, seq=98, text="各镇的任务。", due_date=world.task.due_date
    )
    Assignment.objects.create(task=task, unit=towns, role=Assignment.Role.LEAD)
    assert outcome(lambda: check_filer(world.wangfang, task, houlong)) == OK
    assert outcome(lambda: check_filer(world.wangfang, task, shanyao)) == FORBIDDEN
