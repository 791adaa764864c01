"""Delivery channels. A channel is one small class with a `send(message)` that raises DeliveryError; adding
one (an SMS gateway, say) means one more class in CHANNELS."""

from __future__ import annotations

from notify.channels.base import DeliveryError, Sender
from notify.channels.email import EmailSender
from notify.channels.inbox import InboxSender
from notify.channels.robots import DingTalkSender, WeComSender

CHANNELS: dict[str, type[Sender]] = {
    InboxSender.channel: InboxSender,
    EmailSender.channel: EmailSender,
    DingTalkSender.channel: DingTalkSender,
    WeComSender.channel: WeComSender,
}

__all__ = ["CHANNELS", "DeliveryError", "Sender"]
