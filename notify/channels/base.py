from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from notify.models import Message


class DeliveryError(Exception):
    """The peer refused or could not be reached; the message is retried with backoff."""


class Sender(ABC):
    """One delivery channel: `send` delivers one message or raises DeliveryError."""

    channel: ClassVar[str] = ""

    @abstractmethod
    def send(self, message: Message) -> None: ...
