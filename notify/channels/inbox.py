from __future__ import annotations

from notify.channels.base import Sender
from notify.models import Channel, Message


class InboxSender(Sender):
    """The in-app inbox: the row itself is the delivery; the bell counts unread rows."""

    channel = Channel.INBOX

    def send(self, message: Message) -> None:
        return None
