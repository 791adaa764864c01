from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from notify.models import Message


class DeliveryError(Exception):
    """The peer refused or could not be reached; the message is retried with backoff."""


class Sender:
    channel: ClassVar[str] = ""

    def send(self, message: Message) -> None:
        raise NotImplementedError
