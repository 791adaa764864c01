"""Who reads which plan, task and unit, asked of targets.access directly.

泉港区: 王芳 supervises, 周敏 observes, 李明 is liaison of 发改局 (lead on tasks 1–2), 后龙镇's liaison reads the
tasks given to 各镇（街道）, 曾国志 leads task 3 (林伟, in one story, task 1). 陈静 supervises 鲤城区 next door;
吴刚 has no role at all.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.models import Membership, Person, Role, Unit
from orgs.roles import roles_of
from targets.access import (
    access_plan,
    access_plan_to_edit,
    access_section_to_edit,
    access_task,
    access_task_to_edit,
    can_supervise,
    leading_units,
    plan_tasks,
    reads_task,
    require_milestone_editor,
    task_filter,
    visible_plans,
    visible_tasks,
    visible_units,
)
from targets.models import Assignment, Section, Task, TaskLeader
from tests.factories import PersonFactory, PlanFactory, RegionFactory, UnitFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def town():
    quangang, licheng = RegionFactory(name="泉港区"), RegionFactory(name="鲤城区")
    fagai = UnitFactory(region=quangang, name="发改局")
    jiaoyu = UnitFactory(region=quangang, name="教育局")
    towns = UnitFactory(region=quangang, name="各镇（街道）", kind=Unit.Kind.GROUP)
    houlong = UnitFactory(region=quangang, name="后龙镇", kind=Unit.Kind.TOWN)
    towns.members.add(houlong)
    far = UnitFactory(region=licheng, name="鲤城区发改局")
    zeng = PersonFactory(region=quangang, name="曾国志", kind=Person.Kind.LEADER)
    plan = PlanFactory(region=quangang, year=2026)
    other_plan = PlanFactory(region=licheng, year=2026)
    tasks = {}
    for seq, lead in ((1, fagai), (2, fagai), (3, jiaoyu), (4, towns)):
        tasks[seq] = Task.objects.create(plan=plan, seq=seq, text=f"第{seq}项任务。", due_date="2026-12-31")
        Assignment.objects.create(task=tasks[seq], unit=lead, role=Assignment.Role.LEAD)
    TaskLeader.objects.create(task=tasks[3], person=zeng)
    far_task = Task.objects.create(plan=other_plan, seq=1, text="鲤城区的任务。", due_date="2026-12-31")
    Assignment.objects.create(task=far_task, unit=far, role=Assignment.Role.LEAD)
    return {
        "plan": plan,
        "other_plan": other_plan,
        "tasks": tasks,
        "far_task": far_task,
        "units": {"fagai": fagai, "jiaoyu": jiaoyu, "towns": towns, "houlong": houlong, "far": far},
        "wangfang": member("wangfang", Role.SUPERVISOR, region=quangang),
        "zhoumin": member("zhoumin", Role.OBSERVER, region=quangang),
        "liming": member("liming", Role.LIAISON, region=quangang, unit=fagai),
        "houlong": member("houlong", Role.LIAISON, region=quangang, unit=houlong),
        "zeng": member("zeng", Role.LEADER, region=quangang, person=zeng),
        "chenjing": member("chenjing", Role.SUPERVISOR, region=licheng),
        "wugang": UserFactory(username="wugang"),
        "admin": get_user_model().objects.create_superuser("admin", password="admin-pw-2026"),
    }


@pytest.mark.parametrize(
    ("who", "seqs", "plans"),
    [
        ("admin", [1, 2, 3, 4, "far"], ["plan", "other_plan"]),
        ("wangfang", [1, 2, 3, 4], ["plan"]),
        ("zhoumin", [1, 2, 3, 4], ["plan"]),
        ("liming", [1, 2], ["plan"]),
        ("houlong", [4], ["plan"]),
        ("zeng", [3], ["plan"]),
        ("chenjing", ["far"], ["other_plan"]),
        ("wugang", [], []),
    ],
)
def test_each_person_reads_exactly_their_tasks_and_plans(town, who, seqs, plans):
    user = town[who]
    expected = {town["far_task"].pk if s == "far" else town["tasks"][s].pk for s in seqs}
    assert set(visible_tasks(user).values_list("pk", flat=True)) == expected
    assert set(visible_plans(user)) == {town[p] for p in plans}
    for seq, task in [*town["tasks"].items(), ("far", town["far_task"])]:
        assert reads_task(user, task) is (seq in seqs)  # the one-task rule says what the filter says
        if seq in seqs:
            assert access_task(user, task.pk) == task
        else:
            with pytest.raises(Http404):
                access_task(user, task.pk)
    with pytest.raises(Http404):
        access_task(user, 987654)  # no such task: the same answer as "not yours"
    if "plan" in plans:
        assert access_plan(user, town["plan"].pk) == town["plan"]
        assert [t.seq for t in plan_tasks(user, town["plan"])] == [s for s in seqs if s != "far"]
    else:
        with pytest.raises(Http404):
            access_plan(user, town["plan"].pk)


def test_only_the_admin_has_no_filter(town):
    assert task_filter(town["admin"]) is None
    for who in ("wangfang", "liming", "houlong", "zeng", "wugang"):
        assert task_filter(town[who]) is not None, who


def test_only_the_office_of_the_region_and_the_admin_supervise_its_plan(town):
    plan = town["plan"]
    assert can_supervise(town["wangfang"], plan)
    assert can_supervise(town["admin"], plan)
    for who in ("zhoumin", "liming", "houlong", "zeng", "chenjing", "wugang"):
        assert not can_supervise(town[who], plan), who


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("admin", {"发改局", "教育局", "各镇（街道）", "后龙镇", "鲤城区发改局"}),
        ("wangfang", {"发改局", "教育局", "各镇（街道）", "后龙镇"}),
        ("liming", {"发改局"}),  # his own unit, and the units on the tasks he reads
        ("houlong", {"后龙镇", "各镇（街道）"}),
        ("zeng", {"教育局"}),
        ("chenjing", {"鲤城区发改局"}),
        ("wugang", set()),
    ],
)
def test_each_person_sees_the_units_of_their_world(town, who, names):
    assert {u.name for u in visible_units(town[who])} == names


def test_a_task_comes_with_its_plan_region_and_section_in_one_query(town, django_assert_num_queries):
    """access_task serves pages that show the plan's region and the section: one query, not three."""
    task = town["tasks"][1]
    task.section = Section.objects.create(plan=town["plan"], title="一、主要目标")
    task.save()
    user = town["wangfang"]
    roles_of(user)  # the roles are read once per request, before any page asks
    with django_assert_num_queries(1):
        found = access_task(user, task.pk)
        assert (found.plan.region.name, found.section.title) == ("泉港区", "一、主要目标")


def test_units_come_with_their_region_and_parent_in_one_query(town, django_assert_num_queries):
    town["units"]["houlong"].parent = town["units"]["fagai"]
    town["units"]["houlong"].save()
    admin = town["admin"]
    roles_of(admin)
    with django_assert_num_queries(1):
        said = {(u.name, u.region.name, u.parent.name if u.parent else None) for u in visible_units(admin)}
    assert ("后龙镇", "泉港区", "发改局") in said


@pytest.mark.parametrize(
    ("who", "answer"),
    [("wangfang", "ok"), ("admin", "ok"), ("zhoumin", 403), ("liming", 403), ("chenjing", 404)],
)
def test_only_the_office_of_the_region_may_edit_the_plan(town, who, answer):
    """Reading is not editing: 周敏 and 李明 read the task but may not change it; 陈静 does not see it."""
    user, task, plan = town[who], town["tasks"][1], town["plan"]
    section = Section.objects.create(plan=plan, title="一、主要目标")
    calls = (
        lambda: access_task_to_edit(user, task.pk),
        lambda: access_plan_to_edit(user, plan.pk),
        lambda: access_section_to_edit(user, plan.pk, section.pk),
    )
    for call in calls:
        if answer == "ok":
            assert call() in (task, plan, section)
        else:
            with pytest.raises(PermissionDenied if answer == 403 else Http404):
                call()


def test_a_section_of_another_plan_is_not_found(town):
    other_section = Section.objects.create(plan=town["other_plan"], title="一、其他")
    with pytest.raises(Http404):
        access_section_to_edit(town["admin"], town["plan"].pk, other_section.pk)


def test_a_person_with_two_roles_reads_what_each_role_gives(town):
    """李明 also observes 鲤城区 for the city, and so does 曾国志: roles add up, a later one never replaces an earlier."""
    licheng = town["far_task"].plan.region
    for who in ("liming", "zeng"):
        Membership.objects.create(user=town[who], role=Role.OBSERVER, region=licheng)
    far = town["far_task"].pk
    liming_reads = set(visible_tasks(town["liming"]).values_list("pk", flat=True))
    assert liming_reads == {town["tasks"][1].pk, town["tasks"][2].pk, far}
    assert set(visible_tasks(town["zeng"]).values_list("pk", flat=True)) == {town["tasks"][3].pk, far}


def test_a_leader_reads_the_tasks_he_leads_not_those_of_another_leader(town):
    """林伟 leads task 1; 曾国志 still reads only task 3: a leader reads his own tasks, not every task with a leader."""
    lin = PersonFactory(region=town["plan"].region, name="林伟", kind=Person.Kind.LEADER)
    TaskLeader.objects.create(task=town["tasks"][1], person=lin)
    assert list(visible_tasks(town["zeng"]).values_list("seq", flat=True)) == [3]


def test_a_plan_without_tasks_yet_is_read_by_its_office_and_the_admin(town):
    """泉港区's 2027 plan was just created: 王芳, 周敏 and the admin see it before any task is added."""
    empty = PlanFactory(region=town["plan"].region, year=2027)
    for who in ("admin", "wangfang", "zhoumin"):
        assert empty in visible_plans(town[who]), who
        assert access_plan(town[who], empty.pk) == empty
    for who in ("liming", "chenjing"):
        assert empty not in visible_plans(town[who]), who


def test_a_unit_keeps_milestones_only_on_the_tasks_it_leads(town):
    """李明 keeps 发改局's milestones on task 1, not on task 3 (教育局's); 后龙镇 keeps its own on task 4, given to
    各镇（街道）; the command line keeps any, even one of no unit."""
    fagai, houlong = town["units"]["fagai"], town["units"]["houlong"]
    require_milestone_editor(town["liming"], town["tasks"][1], fagai.pk)
    require_milestone_editor(town["houlong"], town["tasks"][4], houlong.pk)
    require_milestone_editor("manage.py import_plan", town["tasks"][3], None)
    with pytest.raises(PermissionDenied):
        require_milestone_editor(town["liming"], town["tasks"][3], fagai.pk)
    assert leading_units(town["liming"], town["tasks"][3]) == []


def test_no_one_signed_in_is_refused_a_milestone_not_crashed(town):
    """A service called with no actor answers 403 like any refusal, whatever unit it names."""
    with pytest.raises(PermissionDenied):
        require_milestone_editor(None, town["tasks"][1], town["units"]["fagai"].pk)


def test_the_section_asked_for_is_the_one_given(town):
    """The plan has two sections; adding a task under the second does not land it under the first."""
    first = Section.objects.create(plan=town["plan"], title="一、主要目标", order=1)
    second = Section.objects.create(plan=town["plan"], title="二、重点工作", order=2)
    assert access_section_to_edit(town["wangfang"], town["plan"].pk, second.pk) == second
    assert access_section_to_edit(town["wangfang"], town["plan"].pk, first.pk) == first


def test_a_section_comes_with_its_plan_and_region(town, django_assert_num_queries):
    """The add-task and rename pages build their forms from section.plan: no query beyond the two checks."""
    section = Section.objects.create(plan=town["plan"], title="一、主要目标")
    user = town["wangfang"]
    roles_of(user)
    with django_assert_num_queries(2):  # the plan (read and edit checks), then the section
        found = access_section_to_edit(user, town["plan"].pk, section.pk)
        assert (found.plan.year, found.plan.region.name) == (2026, "泉港区")


def test_a_task_lists_its_lead_units_in_their_order(town):
    """Task 2 is led by 教育局 and then 发改局, as the table says (the first answers for the task), though 发改局 was
    assigned first."""
    task = town["tasks"][2]
    Assignment.objects.filter(task=task).update(order=2)
    Assignment.objects.create(task=task, unit=town["units"]["jiaoyu"], role=Assignment.Role.LEAD, order=1)
    listed = {t.seq: t for t in plan_tasks(town["wangfang"], town["plan"])}
    assert [u.name for u in listed[2].lead_units] == ["教育局", "发改局"]
