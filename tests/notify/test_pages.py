"""李明 reads his inbox and sets his channels; 王芳 (泉港区's office) manages the outbox and robots; 陈静 (鲤城区's
office) cannot touch 泉港区's messages; a liaison cannot open the office's pages."""

import io

from django.core.management import call_command

from notify.models import Channel, Message, Preference, RobotHook


def test_the_bell_counts_unread_messages_and_reading_clears_it(world, client):
    call_command("remind", "--date", "2026-11-30", stdout=io.StringIO())
    client.force_login(world.liming)
    assert 'bell-count">1<' in client.get("/notify/inbox/bell/").content.decode()
    page = client.get("/notify/inbox/").content.decode()
    assert "【提醒】" in page
    client.post("/notify/inbox/read/")
    assert "bell-count" not in client.get("/notify/inbox/bell/").content.decode()
    assert Message.objects.get(recipient=world.liming, channel=Channel.INBOX).read_at is not None


def test_reading_the_inbox_writes_nothing(world, client):
    call_command("remind", "--date", "2026-11-30", stdout=io.StringIO())
    client.force_login(world.liming)
    client.get("/notify/inbox/")
    client.get("/notify/inbox/bell/")
    assert Message.objects.filter(read_at__isnull=False).count() == 0


def test_a_person_chooses_no_email(world, client):
    client.force_login(world.liming)
    response = client.post("/notify/preferences/", {"reminders": "on"})
    assert response.status_code == 302
    pref = Preference.objects.get(user=world.liming)
    assert pref.email is False
    assert pref.reminders is True
    call_command("remind", "--date", "2026-11-30", stdout=io.StringIO())
    assert not Message.objects.filter(recipient=world.liming, channel=Channel.EMAIL).exists()
    assert Message.objects.filter(recipient=world.liming, channel=Channel.INBOX).exists()


def test_a_liaison_cannot_open_the_outbox_or_the_robots(world, client):
    client.force_login(world.liming)
    assert client.get("/notify/outbox/").status_code == 403
    assert client.get("/notify/robots/").status_code == 403


def test_another_regions_office_cannot_resend_our_message(world, client):
    call_command("remind", "--date", "2026-11-30", stdout=io.StringIO())
    message = Message.objects.filter(channel=Channel.EMAIL).first()
    assert message is not None
    Message.objects.filter(pk=message.pk).update(state=Message.State.DEAD)
    client.force_login(world.chenjing)
    assert client.post(f"/notify/outbox/{message.pk}/retry/").status_code == 404
    message.refresh_from_db()
    assert message.state == Message.State.DEAD


def test_the_office_adds_a_robot_for_a_unit_of_its_region_only(world, client):
    client.force_login(world.wangfang)
    form = {
        "region": world.plan.region_id,
        "unit": world.fagai.pk,
        "channel": "wecom",
        "name": "发改局群",
        "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    }
    assert client.post("/notify/robots/", form).status_code == 302
    client.force_login(world.chenjing)
    page = client.post("/notify/robots/", form)
    assert page.status_code == 200  # the form refuses a region that is not theirs
    assert RobotHook.objects.count() == 1
    assert "region" in page.context["form"].errors


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in ("/notify/inbox/", "/notify/outbox/", "/notify/preferences/", "/notify/robots/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
