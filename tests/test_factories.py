import pytest

from orgs.models import Role
from targets.access import access_task, visible_tasks
from tests.factories import AssignmentFactory, RegionFactory, TaskLeaderFactory, UnitFactory, member

pytestmark = pytest.mark.django_db


def test_who_sees_which_task():
    quangang, licheng = RegionFactory(name="泉港区"), RegionFactory(name="鲤城区")
    fagai = UnitFactory(region=quangang, name="发改局")
    other = UnitFactory(region=quangang, name="教育局")
    lead = AssignmentFactory(task__plan__region=quangang, unit=fagai)
    task = lead.task
    leader = TaskLeaderFactory(task=task).person

    assert list(visible_tasks(member("wang", Role.SUPERVISOR, region=quangang))) == [task]
    assert list(visible_tasks(member("chen", Role.SUPERVISOR, region=licheng))) == []
    assert list(visible_tasks(member("li", Role.LIAISON, region=quangang, unit=fagai))) == [task]
    assert list(visible_tasks(member("zhao", Role.LIAISON, region=quangang, unit=other))) == []
    assert list(visible_tasks(member("zeng", Role.LEADER, region=quangang, person=leader))) == [task]
    assert access_task(member("obs", Role.OBSERVER, region=quangang), task.id) == task


def test_a_town_sees_tasks_given_to_its_group():
    region = RegionFactory(name="泉港区")
    town = UnitFactory(region=region, name="后龙镇", kind="town")
    group = UnitFactory(region=region, name="各镇（街道）", kind="group")
    group.members.add(town)
    a = AssignmentFactory(task__plan__region=region, unit=group, role="co")
    assert list(visible_tasks(member("hou", Role.LIAISON, region=region, unit=town))) == [a.task]
