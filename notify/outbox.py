"""Queue and deliver messages. `enqueue` writes a row unless one with the same key exists; `deliver_due`
claims each due row with a conditional UPDATE (queued/failed → sending) so that two senders never both send
it, sends it, and records the attempt."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import record
from notify import hours
from notify.channels import CHANNELS, DeliveryError
from notify.models import Attempt, Channel, Message
from progress.calendar import WorkCalendar

# A claim older than this is a sender that died mid-send: its message may or may not have left, so it is
# never sent again automatically — it goes to "dead" for the office to look at and resend.
STALE_CLAIM = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Draft:
    """A message before it is queued: who, through what, about what."""

    channel: str
    kind: str
    subject: str
    body: str
    not_before: dt.datetime
    recipient_id: int | None = None
    address: str = ""
    region_id: int | None = None
    unit_id: int | None = None
    link: str = ""
    object_type: str = ""
    object_id: str = ""
    due_date: dt.date | None = None
    extra_key: str = ""

    def key(self) -> str:
        parts = [
            self.channel,
            str(self.recipient_id or ""),
            self.address,
            self.kind,
            self.subject,
            self.object_type,
            self.object_id,
            self.due_date.isoformat() if self.due_date else "",
            self.extra_key,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def enqueue(drafts: Iterable[Draft], *, dry_run: bool = False) -> int:
    """Queue the drafts whose key is new; returns how many were queued. Safe to run twice and at once."""
    rows = []
    for d in drafts:
        inbox = d.channel == Channel.INBOX
        rows.append(
            Message(
                key=d.key(),
                channel=d.channel,
                kind=d.kind,
                region_id=d.region_id,
                unit_id=d.unit_id,
                recipient_id=d.recipient_id,
                address=d.address,
                subject=d.subject[:255],
                body=d.body,
                link=d.link,
                object_type=d.object_type,
                object_id=d.object_id,
                due_date=d.due_date,
                # the inbox is read when its owner chooses: it is delivered at once, quietly
                state=Message.State.SENT if inbox else Message.State.QUEUED,
                sent_at=d.not_before if inbox else None,
                not_before=d.not_before,
                next_attempt_at=d.not_before,
            )
        )
    if not rows:
        return 0
    keys = [r.key for r in rows]
    existing = set(Message.objects.filter(key__in=keys).values_list("key", flat=True))
    new = {r.key: r for r in rows if r.key not in existing}
    if dry_run:
        return len(new)
    created = 0
    for row in new.values():
        try:
            with transaction.atomic():
                row.save(force_insert=True)
            created += 1
        except IntegrityError:  # another process queued the same key a moment ago
            continue
    return created


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    waiting: int = 0
    errors: list[str] = field(default_factory=list)


def _claim(message: Message, *, token: str, now: dt.datetime) -> bool:
    return (
        Message.objects.filter(
            pk=message.pk,
            state__in=[Message.State.QUEUED, Message.State.FAILED],
            attempts=message.attempts,
        ).update(state=Message.State.SENDING, claim=token, claimed_at=now)
        == 1
    )


def _finish(message: Message, *, now: dt.datetime, error: str | None) -> str:
    attempts = message.attempts + 1
    Attempt.objects.create(message=message, at=now, ok=error is None, error=error or "")
    if error is None:
        fields: dict[str, Any] = {"state": Message.State.SENT, "sent_at": now, "last_error": ""}
    else:
        again = hours.retry_after(attempts, now)
        fields = {
            "state": Message.State.FAILED if again else Message.State.DEAD,
            "next_attempt_at": again or now,
            "last_error": error[:2000],
        }
    Message.objects.filter(pk=message.pk, claim=message.claim).update(attempts=attempts, **fields)
    return str(fields["state"])


def expire_stale_claims(*, now: dt.datetime) -> int:
    return Message.objects.filter(state=Message.State.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        state=Message.State.DEAD,
        last_error="发送中断，无法确定是否已送达；请核实后再重发。",
    )


def deliver_due(
    *, now: dt.datetime, calendar_for: Any, dry_run: bool = False, limit: int = 1000
) -> SendResult:
    """Send every message that is due at `now`, inside working hours of its region's calendar.

    `calendar_for(region_id) -> WorkCalendar` gives each region's working days."""
    result = SendResult()
    if not dry_run:
        expire_stale_claims(now=now)
    candidates = list(
        Message.objects.filter(
            state__in=[Message.State.QUEUED, Message.State.FAILED],
            not_before__lte=now,
            next_attempt_at__lte=now,
        ).order_by("next_attempt_at", "id")[:limit]
    )
    calendars: dict[int | None, WorkCalendar] = {}
    token = uuid.uuid4().hex
    for message in candidates:
        if message.region_id not in calendars:
            calendars[message.region_id] = calendar_for(message.region_id)
        if not hours.in_window(now, calendars[message.region_id]):
            result.waiting += 1
            continue
        if dry_run:
            result.sent += 1
            continue
        if not _claim(message, token=token, now=now):
            continue  # another sender has it
        message.claim = token
        try:
            CHANNELS[message.channel]().send(message)
            error = None
        except DeliveryError as exc:
            error = str(exc)
            result.errors.append(f"#{message.pk}: {error}")
        state = _finish(message, now=now, error=error)
        if state == Message.State.SENT:
            result.sent += 1
        elif state == Message.State.FAILED:
            result.failed += 1
        else:
            result.dead += 1
    return result


@transaction.atomic
def retry_message(*, message: Message, by: Any) -> Message:
    """The office resends a failed or dead message: it is queued again from now, attempts counted anew."""
    before = {"state": message.state, "attempts": message.attempts, "last_error": message.last_error}
    now = timezone.now()
    updated = Message.objects.filter(
        pk=message.pk, state__in=[Message.State.FAILED, Message.State.DEAD]
    ).update(state=Message.State.QUEUED, attempts=0, next_attempt_at=now, not_before=now, claim="")
    message.refresh_from_db()
    if updated:
        record(
            actor=by,
            verb="notify.retry",
            obj=message,
            before=before,
            after={"state": message.state, "attempts": message.attempts},
        )
    return message


@transaction.atomic
def mark_read(*, user: Any, message_ids: Iterable[int] | None = None) -> int:
    """Mark the user's inbox messages read (all of them when no ids are given)."""
    qs = Message.objects.filter(recipient=user, channel=Channel.INBOX, read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=list(message_ids))
    return qs.update(read_at=timezone.now())
