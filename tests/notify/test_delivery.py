"""Reminders reach a real SMTP server exactly once, only in working hours; a failing peer is retried with
backoff and ends as a dead message that 王芳 (the office) sees and sends again. Nothing is lost or doubled."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notify import hours, outbox
from notify.hours import parse_now
from notify.models import Attempt, Channel, Message
from progress import services as progress_services


def remind(day: str) -> None:
    call_command("remind", "--date", day, stdout=io.StringIO())


def send(now: str) -> str:
    out = io.StringIO()
    call_command("send_outbox", "--now", now, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_nothing_goes_out_in_the_evening_and_everything_once_next_morning(world, smtp):
    remind("2026-11-30")
    assert "sent 0" in send("2026-11-30T19:00")
    assert smtp.messages == []
    assert "sent 0" in send("2026-12-01T08:29")
    send("2026-12-01T08:30")
    assert sorted(m["to"][0] for m in smtp.messages) == ["liming@duban.example", "zhaoqiang@duban.example"]
    send("2026-12-01T09:00")
    remind("2026-11-30")
    send("2026-12-01T09:05")
    assert len(smtp.messages) == 2
    mail = smtp.messages[0]["data"]
    assert "Subject:" in mail
    assert Message.objects.filter(channel=Channel.EMAIL, state=Message.State.SENT).count() == 2


def test_a_message_queued_at_seven_in_the_evening_is_sent_at_half_past_eight(world, smtp):
    at_seven = parse_now("2026-11-30T19:00")
    outbox.enqueue(
        [
            outbox.Draft(
                channel=Channel.EMAIL,
                kind=Message.Kind.OTHER,
                subject="督办提醒",
                body="请按时报送。",
                not_before=at_seven,
                recipient_id=world.liming.pk,
                address=world.liming.email,
                region_id=world.plan.region_id,
            )
        ]
    )
    send("2026-11-30T19:00")
    send("2026-11-30T23:59")
    send("2026-12-01T08:00")
    assert smtp.messages == []
    send("2026-12-01T08:30")
    assert len(smtp.messages) == 1
    assert Message.objects.get().sent_at == parse_now("2026-12-01T08:30")


def test_a_dry_run_sends_nothing(world, smtp):
    remind("2026-11-30")
    assert "would send 2" in call_and_capture("2026-12-01T09:00", "--dry-run")
    assert smtp.messages == []
    assert not Message.objects.filter(channel=Channel.EMAIL, state=Message.State.SENT).exists()


def call_and_capture(now: str, *extra: str) -> str:
    out = io.StringIO()
    call_command("send_outbox", "--now", now, *extra, stdout=out)
    return out.getvalue()


def test_a_failing_peer_is_retried_with_backoff_then_given_up_and_resent_by_the_office(world, smtp, client):
    remind("2026-11-30")
    smtp.refuse = True
    send("2026-12-01T09:00")
    failed = Message.objects.filter(channel=Channel.EMAIL, state=Message.State.FAILED)
    assert failed.count() == 2
    first = failed.first()
    assert first is not None
    assert first.next_attempt_at == parse_now("2026-12-01T09:05")
    assert "451" in first.last_error
    send("2026-12-01T09:04")  # too early for the second try
    assert Attempt.objects.filter(message=first).count() == 1
    for now in ("2026-12-01T09:05", "2026-12-01T09:35", "2026-12-01T11:35", "2026-12-02T09:00"):
        send(now)
    dead = Message.objects.filter(channel=Channel.EMAIL, state=Message.State.DEAD)
    assert dead.count() == 2
    assert Attempt.objects.filter(message=first, ok=False).count() == 5
    assert smtp.messages == []

    client.force_login(world.wangfang)
    page = client.get("/notify/outbox/")
    assert page.status_code == 200
    assert page.content.decode().count('class="outbox-problem"') == 2
    smtp.refuse = False
    for message in dead:
        assert client.post(f"/notify/outbox/{message.pk}/retry/").status_code == 302
    send_after_resend()
    assert sorted(m["to"][0] for m in smtp.messages) == ["liming@duban.example", "zhaoqiang@duban.example"]


def send_after_resend() -> None:
    """A resend is queued from the real "now"; it goes out at the first send inside working hours after it."""
    opening = hours.next_window(timezone.now(), progress_services.work_calendar(None))
    send((opening + dt.timedelta(minutes=1)).isoformat())


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_deliver_each_message_once(settings, smtp, tmp_path):
    if connection.vendor == "sqlite":
        # the test database is SQLite in memory with a shared cache: its table locks ignore the busy timeout,
        # so two threads collide where two processes on the WAL file wait for each other (the acceptance check
        # runs two real `send_outbox` processes on a file database); PostgreSQL runs this story
        pytest.skip("threads on in-memory SQLite collide on table locks; checked on PostgreSQL")
    from tests.progress.factories import build_world

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    for user in (world.liming, world.zhaoqiang):
        user.email = f"{user.username}@duban.example"
        user.save(update_fields=["email"])
    remind("2026-11-30")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            barrier.wait()
            send("2026-12-01T09:00")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(smtp.messages) == 2
    assert Attempt.objects.count() == 2
