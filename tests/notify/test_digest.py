"""曾国志 leads task 1 of 泉港区; 林强 leads task 2. On Monday 30 November 2026 neither task has a report all year,
so both are red. Each leader's digest names his own red task and nothing of the other's; 王芳's office digest
names both. A second run in the same week queues nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from notify import digest
from notify.models import Channel, Message
from orgs.models import Person, Role
from targets.models import Task
from tests.factories import AssignmentFactory, PersonFactory, TaskFactory, TaskLeaderFactory, member

MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def linqiang(world):
    region = world.plan.region
    person = PersonFactory(region=region, name="林强", kind=Person.Kind.LEADER)
    task = TaskFactory(plan=world.plan, seq=2, text="新增城镇就业岗位三千个，城镇调查失业率控制在5.5%以内。")
    AssignmentFactory(task=task, unit=world.jiaoyu, role="lead")
    TaskLeaderFactory(task=task, person=person)
    user = member("linqiang", Role.LEADER, region=region, person=person)
    user.email = "linqiang@duban.example"
    user.save(update_fields=["email"])
    from progress import services

    services.ensure_periods(plan=world.plan, by="manage.py periods")
    return user


def inbox_digest(user) -> Message:
    return Message.objects.get(recipient=user, channel=Channel.INBOX, kind=Message.Kind.DIGEST)


def test_each_leader_sees_his_own_red_tasks_and_nothing_else(world, linqiang):
    call_command("digest", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    zeng = inbox_digest(world.zengguozhi).body
    lin = inbox_digest(linqiang).body
    assert "第1项" in zeng
    assert "地区生产总值" in zeng
    assert "第2项" not in zeng
    assert "失业率" not in zeng
    assert "第2项" in lin
    assert "第1项" not in lin
    assert "【新增红灯任务】" in zeng


def test_the_office_digest_covers_the_whole_region(world, linqiang):
    call_command("digest", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    office = inbox_digest(world.wangfang).body
    assert "第1项" in office
    assert "第2项" in office
    assert not Message.objects.filter(recipient=world.chenjing, kind=Message.Kind.DIGEST).exists()


def test_a_second_run_in_the_same_week_queues_nothing(world, linqiang):
    call_command("digest", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    count = Message.objects.count()
    out = io.StringIO()
    call_command("digest", "--date", (MONDAY + dt.timedelta(days=2)).isoformat(), stdout=out)
    assert "queued 0 new" in out.getvalue()
    assert Message.objects.count() == count


def test_digest_goes_by_email_to_people_with_an_address(world, linqiang):
    call_command("digest", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    assert Message.objects.filter(
        recipient=linqiang, channel=Channel.EMAIL, kind=Message.Kind.DIGEST
    ).exists()


def test_nothing_to_say_makes_no_digest(world, linqiang):
    assert digest.build([], day=MONDAY, viewer=linqiang).empty
    Task.objects.filter(seq=2).delete()
    call_command("digest", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    assert not Message.objects.filter(recipient=linqiang, kind=Message.Kind.DIGEST).exists()
