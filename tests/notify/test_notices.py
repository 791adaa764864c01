"""王芳 issues a 督办单 to 发改局 on task 1: 李明 (liaison) and the unit's 分管领导 hear of it at the next send in
working hours, are reminded the working day before the answer is due, and chased the working day after."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from notify.models import Channel, Message
from supervision import services as supervision
from supervision.models import Notice


@pytest.fixture
def notice(world):
    draft = Notice.objects.create(
        region=world.plan.region,
        task=world.task,
        unit=world.fagai,
        year=2026,
        level=1,
        rule="red_at_scan",
        reasons=["连续两期未报送进展"],
        proposed_on=dt.date(2026, 11, 16),
    )
    return supervision.issue_notice(notice=draft, by=world.wangfang, today=dt.date(2026, 11, 16))


def test_an_issued_notice_reaches_the_unit_at_the_next_send(world, notice, smtp):
    call_command("send_outbox", "--now", "2026-11-16T10:00", stdout=io.StringIO(), stderr=io.StringIO())
    inbox = Message.objects.filter(channel=Channel.INBOX, kind=Message.Kind.NOTICE)
    assert {m.recipient for m in inbox} == {world.liming, world.fagai_leader}
    [li] = [m for m in inbox if m.recipient == world.liming]
    assert notice.number in li.subject
    assert "连续两期未报送进展" in li.body
    assert sorted(m["to"][0] for m in smtp.messages) == ["fagai_leader@duban.example", "liming@duban.example"]
    call_command("send_outbox", "--now", "2026-11-16T10:05", stdout=io.StringIO(), stderr=io.StringIO())
    assert len(smtp.messages) == 2


def test_the_unit_is_reminded_the_day_before_the_answer_is_due_and_chased_after(world, notice):
    due = notice.answer_due
    assert due == dt.date(2026, 11, 23)
    call_command("remind", "--date", "2026-11-20", stdout=io.StringIO())
    assert Message.objects.filter(
        recipient=world.liming, subject__contains="提醒", object_type="supervision.notice"
    ).exists()
    call_command("remind", "--date", "2026-11-24", stdout=io.StringIO())
    assert Message.objects.filter(
        recipient=world.liming, subject__contains="催办", object_type="supervision.notice"
    ).exists()


def test_an_answered_notice_is_not_chased(world, notice):
    supervision.answer_notice(
        notice=notice, by=world.liming, text="已召开专题会议，11月底前补报。", today=dt.date(2026, 11, 18)
    )
    Notice.objects.filter(pk=notice.pk).update(state=Notice.State.ANSWERED)
    call_command("remind", "--date", "2026-11-24", stdout=io.StringIO())
    assert not Message.objects.filter(object_type="supervision.notice").exists()
