"""Group robots: DingTalk custom robots (signed with their secret) and WeCom group robots, in the JSON their
published APIs define. The webhook address and secret come from a RobotHook the office configured."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from notify.channels.base import DeliveryError, Sender
from notify.models import Channel, Message, RobotHook

TIMEOUT_S = 10


def dingtalk_signed_url(url: str, secret: str, *, timestamp_ms: int) -> str:
    """DingTalk's signature: base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}")), URL-encoded."""
    if not secret:
        return url
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={sign}"


def _post(url: str, payload: dict[str, Any]) -> None:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryError("webhook address must be http(s)")
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 - scheme checked above; the office configures the address
        url, data=data, headers={"Content-Type": "application/json; charset=utf-8"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
            answer = json.loads(response.read().decode("utf-8") or "{}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
    if answer.get("errcode", 0) != 0:
        raise DeliveryError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def _hook(message: Message) -> RobotHook:
    hook = RobotHook.objects.filter(pk=int(message.address or 0), active=True).first()
    if hook is None:
        raise DeliveryError("the group robot was removed or switched off")
    return hook


def _text(message: Message) -> str:
    return f"{message.subject}\n{message.body}"


class DingTalkSender(Sender):
    channel = Channel.DINGTALK

    def send(self, message: Message) -> None:
        hook = _hook(message)
        url = dingtalk_signed_url(hook.url, hook.secret, timestamp_ms=int(time.time() * 1000))
        _post(url, {"msgtype": "text", "text": {"content": _text(message)}, "at": {"isAtAll": False}})


class WeComSender(Sender):
    channel = Channel.WECOM

    def send(self, message: Message) -> None:
        hook = _hook(message)
        _post(hook.url, {"msgtype": "text", "text": {"content": _text(message)}})
