"""record(): the one way to write the audit trail; verify(): detect edited or deleted events."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(event: AuditEvent) -> str:
    payload = _canonical(
        {
            "at": event.at.isoformat(),
            "actor": event.actor_id,
            "actor_name": event.actor_name,
            "verb": event.verb,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "object_repr": event.object_repr,
            "before": event.before,
            "after": event.after,
        }
    )
    return hashlib.sha256((event.prev_hash + payload).encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    return json.loads(_canonical(value)) if value is not None else None


@transaction.atomic
def record(
    *,
    actor: Any,
    verb: str,
    obj: models.Model | None = None,
    before: Any = None,
    after: Any = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Append one event to the chain. Call it inside the service's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    head, _ = AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    user = actor if getattr(actor, "pk", None) else None
    event = AuditEvent(
        actor=user,
        actor_name=(user.get_username() if user else str(actor or "system"))[:150],
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        before=_jsonable(before),
        after=_jsonable(after),
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(event)
    event.save()
    head.last_hash = event.hash
    head.save(update_fields=["last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    message: str


def verify() -> list[ChainProblem]:
    """Walk the chain in order; report every event whose hash or link does not hold."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    last_id = None
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev:
            problems.append(
                ChainProblem(
                    event.id, f"event {event.id}: link broken (an event before it was deleted or edited)"
                )
            )
        if event_hash(event) != event.hash:
            problems.append(
                ChainProblem(event.id, f"event {event.id}: content was edited after it was recorded")
            )
        prev = event.hash
        last_id = event.id
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        problems.append(ChainProblem(last_id, "the newest events were deleted (chain head does not match)"))
    return problems
