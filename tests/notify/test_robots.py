"""The office of 泉港区 connects 发改局's DingTalk group robot (signed) and a WeCom group robot; reminders reach
them in the format their published APIs define, and a robot's refusal is retried like any other failure."""

import base64
import hashlib
import hmac
import io
import urllib.parse

from django.core.management import call_command

from notify.channels.robots import dingtalk_signed_url
from notify.models import Channel, Message
from notify.services import add_robot

SECRET = "SEC0123456789abcdef"


def remind_and_send() -> None:
    call_command("remind", "--date", "2026-11-30", stdout=io.StringIO())
    call_command("send_outbox", "--now", "2026-12-01T09:00", stdout=io.StringIO(), stderr=io.StringIO())


def test_dingtalk_calls_carry_a_valid_signature_and_a_text_message(world, robot_peer):
    add_robot(
        region=world.plan.region,
        unit=world.fagai,
        channel=Channel.DINGTALK,
        name="发改局工作群",
        url=f"{robot_peer.base}/robot/send?access_token=tok123",
        secret=SECRET,
        by=world.wangfang,
    )
    remind_and_send()
    [call] = robot_peer.calls
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(call["path"]).query)
    assert query["access_token"] == ["tok123"]
    timestamp = query["timestamp"][0]
    expected = base64.b64encode(
        hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    assert query["sign"] == [expected]
    assert call["content_type"].startswith("application/json")
    body = call["json"]
    assert body["msgtype"] == "text"
    assert body["text"]["content"].startswith("区发改局：【提醒】")
    assert "第1项" in body["text"]["content"]


def test_wecom_calls_use_the_group_robot_format(world, robot_peer):
    add_robot(
        region=world.plan.region,
        unit=world.gongxin,
        channel=Channel.WECOM,
        name="工信局群",
        url=f"{robot_peer.base}/cgi-bin/webhook/send?key=wk-1",
        secret="",
        by=world.wangfang,
    )
    remind_and_send()
    [call] = robot_peer.calls
    assert call["path"] == "/cgi-bin/webhook/send?key=wk-1"
    assert set(call["json"]) == {"msgtype", "text"}
    assert call["json"]["msgtype"] == "text"
    assert "区工信局" in call["json"]["text"]["content"]


def test_a_robot_that_answers_with_an_error_code_is_a_failed_attempt(world, robot_peer):
    robot_peer.answer = {"errcode": 310000, "errmsg": "sign not match"}
    add_robot(
        region=world.plan.region,
        unit=world.fagai,
        channel=Channel.DINGTALK,
        name="发改局工作群",
        url=f"{robot_peer.base}/robot/send?access_token=tok",
        secret=SECRET,
        by=world.wangfang,
    )
    remind_and_send()
    message = Message.objects.get(channel=Channel.DINGTALK)
    assert message.state == Message.State.FAILED
    assert "310000" in message.last_error


def test_the_signed_url_keeps_the_token_and_adds_timestamp_and_sign():
    url = dingtalk_signed_url(
        "https://oapi.dingtalk.com/robot/send?access_token=t", "s", timestamp_ms=1700000000000
    )
    assert url.startswith("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=")


def test_the_secret_never_enters_the_audit_trail(world, robot_peer):
    from audit.models import AuditEvent

    add_robot(
        region=world.plan.region,
        unit=None,
        channel=Channel.DINGTALK,
        name="区督查群",
        url=f"{robot_peer.base}/robot/send?access_token=secret-token",
        secret=SECRET,
        by=world.wangfang,
    )
    event = AuditEvent.objects.filter(verb="notify.robot_added").get()
    assert SECRET not in str(event.after)
    assert "secret-token" not in str(event.after)
