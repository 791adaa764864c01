from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from notify.channels.base import DeliveryError, Sender
from notify.models import Channel, Message


class EmailSender(Sender):
    """E-mail through Django's configured backend (SMTP from the EMAIL_* environment)."""

    channel = Channel.EMAIL

    def send(self, message: Message) -> None:
        body = message.body
        if message.link:
            body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{message.link}"
        mail = EmailMessage(
            subject=message.subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address],
            headers={"X-Duban-Key": message.key},
        )
        try:
            sent = mail.send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        if sent != 1:
            raise DeliveryError("the mail backend accepted no message")
