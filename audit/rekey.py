"""Re-key an existing chain written with the old unkeyed SHA-256: only if it verifies under the old hash.

A chain that is already broken is refused, never laundered: the first event that does not hold is named.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.models import AuditChainHead, AuditEvent
from audit.services import GENESIS, audit_key, event_hash, legacy_hash, record


class ChainNotIntact(Exception):
    def __init__(self, event_id: int) -> None:
        super().__init__(f"event {event_id} does not verify under the old unkeyed hash: refusing to re-key")
        self.event_id = event_id


@transaction.atomic
def rekey_unkeyed_chain(*, by: Any, dry_run: bool = False) -> int:
    """Check the whole chain under the old hash, then recompute every hash with the key. Returns the count."""
    audit_key()
    AuditChainHead.objects.select_for_update().filter(pk=1).first()
    events = list(AuditEvent.objects.order_by("id"))
    prev = GENESIS
    for event in events:
        if event.prev_hash != prev or legacy_hash(event) != event.hash:
            raise ChainNotIntact(event.id)
        prev = event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        raise ChainNotIntact(events[-1].id if events else 0)
    if dry_run:
        return len(events)
    prev = GENESIS
    for event in events:
        event.prev_hash = prev
        event.hash = event_hash(event)
        prev = event.hash
    AuditEvent.objects.bulk_update(events, ["prev_hash", "hash"], batch_size=500)
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_hash": prev})
    record(actor=by, verb="audit.rekeyed", object_type="audit.chain", after={"events": len(events)})
    return len(events)
