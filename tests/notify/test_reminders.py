"""李明 (liaison of 发改局, lead unit) and 赵强 (liaison of 工信局, co-unit) are reminded of November's report,
due on 7 December 2026 (the 5th working day): 5 working days before, 1 working day before, and chased the
working day after — and only while they still owe it."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from notify.hours import LOCAL
from notify.models import Channel, Message
from notify.reminders import BEFORE_1, BEFORE_5, CHASE, trigger_of
from progress import services
from progress.calendar import WorkCalendar
from tests.progress.factories import file

NOV_DUE = dt.date(2026, 12, 7)


def remind(day: str, *extra: str) -> str:
    out = io.StringIO()
    call_command("remind", "--date", day, *extra, stdout=out)
    return out.getvalue()


def inbox_of(user):
    return list(Message.objects.filter(recipient=user, channel=Channel.INBOX))


def test_the_rule_counts_working_days_not_calendar_days():
    cal = WorkCalendar()
    assert trigger_of(dt.date(2026, 11, 30), NOV_DUE, cal) == BEFORE_5
    assert trigger_of(dt.date(2026, 12, 4), NOV_DUE, cal) == BEFORE_1
    assert trigger_of(dt.date(2026, 12, 8), NOV_DUE, cal) == CHASE
    assert trigger_of(dt.date(2026, 12, 5), NOV_DUE, cal) is None  # a Saturday
    assert trigger_of(dt.date(2026, 12, 1), NOV_DUE, cal) is None
    # 国庆: September's report is due 2026-10-13; 5 working days before is 30 September, over the holiday
    assert trigger_of(dt.date(2026, 9, 30), dt.date(2026, 10, 13), cal) == BEFORE_5
    assert trigger_of(dt.date(2026, 10, 12), dt.date(2026, 10, 13), cal) == BEFORE_1


def test_five_working_days_before_the_deadline_both_liaisons_are_reminded(world):
    remind("2026-11-30")
    [li] = inbox_of(world.liming)
    assert li.subject.startswith("【提醒】")
    assert "12月7日" in li.subject
    assert "5个工作日" in li.subject
    assert "第1项" in li.body
    assert "尚未报送" in li.body
    [zhao] = inbox_of(world.zhaoqiang)
    assert "协办" in zhao.body
    assert not inbox_of(world.jiaoyu_liaison)
    assert not inbox_of(world.fagai_leader)
    emails = Message.objects.filter(channel=Channel.EMAIL)
    assert sorted(m.address for m in emails) == ["liming@duban.example", "zhaoqiang@duban.example"]
    assert all(m.state == Message.State.QUEUED for m in emails)
    assert all(m.not_before.astimezone(LOCAL).time() == dt.time(8, 30) for m in emails)


def test_reminding_twice_queues_nothing_new(world):
    remind("2026-11-30")
    count = Message.objects.count()
    assert "queued 0 new" in remind("2026-11-30")
    assert Message.objects.count() == count


def test_a_dry_run_writes_nothing(world):
    out = remind("2026-11-30", "--dry-run")
    assert "would queue 4" in out
    assert Message.objects.count() == 0


def test_nothing_on_a_weekend_or_an_ordinary_day(world):
    remind("2026-12-05")
    remind("2026-12-01")
    assert Message.objects.count() == 0


def test_a_unit_that_has_filed_is_not_reminded_again(world):
    period = world.period("month", 11)
    file(world, period)
    remind("2026-12-04")
    assert not inbox_of(world.liming)
    [zhao] = inbox_of(world.zhaoqiang)
    assert "1个工作日" in zhao.subject


def test_the_working_day_after_the_deadline_the_late_unit_is_chased(world):
    remind("2026-12-08")
    chases = Message.objects.filter(kind=Message.Kind.CHASE, channel=Channel.INBOX)
    assert {m.recipient for m in chases} == {world.liming, world.zhaoqiang}
    assert all("催办" in m.subject for m in chases)


def test_a_report_waiting_for_sign_off_reminds_the_unit_leader_the_day_before(world):
    world.fagai.requires_signoff = True
    world.fagai.save(update_fields=["requires_signoff"])
    file(world, world.period("month", 11))
    remind("2026-12-04")
    [leader] = inbox_of(world.fagai_leader)
    assert "审签" in leader.body


def test_a_person_who_switched_reminders_off_gets_no_reminder_but_still_the_chase(world):
    from notify.services import set_preferences

    set_preferences(user=world.liming, email=True, reminders=False)
    remind("2026-11-30")
    assert not inbox_of(world.liming)
    remind("2026-12-08")
    assert [m.kind for m in inbox_of(world.liming)] == [Message.Kind.CHASE]


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow"])
def test_a_bad_date_is_refused_with_a_message(world, bad):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        remind(bad)


def test_a_task_given_to_a_group_reminds_each_member_town(world):
    from orgs.models import Role, Unit
    from tests.factories import AssignmentFactory, TaskFactory, UnitFactory, member

    region = world.plan.region
    group = UnitFactory(region=region, name="各镇（街道）", kind=Unit.Kind.GROUP)
    towns = [UnitFactory(region=region, name=n, kind=Unit.Kind.TOWN) for n in ("山腰街道", "南埔镇")]
    group.members.set(towns)
    task = TaskFactory(plan=world.plan, seq=2)
    AssignmentFactory(task=task, unit=group, role="lead")
    people = [member(f"town{i}", Role.LIAISON, region=region, unit=t) for i, t in enumerate(towns)]
    services.ensure_periods(plan=world.plan, by="manage.py periods")
    remind("2026-11-30")
    for person in people:
        [m] = inbox_of(person)
        assert "第2项" in m.body
