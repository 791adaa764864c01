"""record(): the one way to write the audit trail; verify(): detect edited, deleted or reordered events.

The chain is keyed: each event's hash is HMAC-SHA256 over the previous hash and the event's content, with
the key from the environment (settings.AUDIT_KEY, never stored in the database). Someone who can write to
the database but does not hold the key cannot recompute the chain after editing a row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router, transaction

from audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64

_local_writes = [0]  # rows saved or deleted in this process (see data_version)
_last_unaudited = [0.0]  # time.monotonic() when this process last wrote outside a service (written_since)
# the bookkeeping of logging in (a session's last-seen time is saved every minute, axes logs each login):
# no computed result depends on it, and counting it would make every cached result miss
_NOT_DATA = frozenset({"sessions", "axes"})


def note_write(*, sender: Any = None, update_fields: Any = None, **_kwargs: Any) -> None:
    """post_save / post_delete receiver (connected in AuditConfig.ready): a write in this process.

    A write inside a transaction that also records an audit event is covered by that event's id, so it is
    counted only when its transaction commits without one (a rolled-back write is not counted at all). In a
    test's own transaction, which never commits, every write is counted at once."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in _NOT_DATA:
        return
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # a login's time stamp
    state = _transaction_state()
    if state is None:
        _count_unaudited(1)
    else:
        state.writes += 1


def _count_unaudited(writes: int) -> None:
    _local_writes[0] += writes
    _last_unaudited[0] = time.monotonic()


def still_holds(newest_then: int, started: float, newest_now: int) -> bool:
    """Whether a result made at audit event `newest_then` (read from time.monotonic() `started` on) may still be
    used at `newest_now`, after checking the events between: the chain did not go back (another database) and
    this process wrote nothing outside a service since. Equal ids: it holds as it is."""
    return newest_then <= newest_now and not written_since(started)


def written_since(started: float) -> bool:
    """Whether this process has written outside a service (no audit event to show it) since `started`, a
    time.monotonic() taken before a result was computed — in this process or another on the machine: the
    clock is the system's."""
    return _last_unaudited[0] >= started


@dataclass
class _TransactionWrites:
    """The writes of one open transaction, and whether it records an audit event."""

    writes: int = 0
    audited: bool = False

    def settle(self) -> None:  # on commit
        if not self.audited and self.writes:
            _count_unaudited(self.writes)
        self.writes = 0


def _transaction_state() -> _TransactionWrites | None:
    """This transaction's write count, made (with its commit hook) on first use; None outside a transaction
    and inside a test case's (its commit hooks never run)."""
    connection = transaction.get_connection()
    blocks = connection.atomic_blocks
    if not connection.in_atomic_block or any(getattr(b, "_from_testcase", False) for b in blocks):
        return None
    state: _TransactionWrites | None = getattr(connection, "_duban_writes", None)
    # a state whose commit hook is gone (its transaction or savepoint was rolled back) is not this transaction's
    if state is None or not any(
        getattr(hook, "__self__", None) is state for _s, hook, _r in connection.run_on_commit
    ):
        state = _TransactionWrites()
        connection._duban_writes = state
        transaction.on_commit(state.settle)
    return state


def data_version() -> str:
    """A token that changes whenever anything is written: the id of the newest audit event (every service
    writes through record(); ids are taken under the chain head's lock, so in commit order) and the count of
    rows saved in this process outside a service (a shell, the demo, tests' factories: post_save/post_delete).
    One query. Caches of computed results key on it: a changed version is a new key, never a stale entry.
    Not covered: QuerySet.update()/bulk_create() without an audit record in another process."""
    newest, local = data_version_parts()
    return f"{newest}.{local}"


def data_version_parts() -> tuple[int, int]:
    """data_version() as its two numbers: the newest audit event's id and this process's count of writes
    outside a service. One query."""
    connection = connections[router.db_for_read(AuditEvent)]
    with (
        connection.cursor() as cursor
    ):  # asked on every request that shows a kept result: plain SQL, no ORM build
        cursor.execute(_newest_sql(connection))
        found = cursor.fetchone()
    return (found[0] if found else 0), _local_writes[0]


def _newest_sql(connection: Any) -> str:
    q = connection.ops.quote_name
    return f"SELECT {q('id')} FROM {q(AuditEvent._meta.db_table)} ORDER BY {q('id')} DESC LIMIT 1"  # noqa: S608


_chain_ids: dict[str, str] = {}


def chain_id() -> str:
    """Names this database's audit chain (the hash of its first event): a cache that outlives the process — the
    workers' shared file cache — puts it in its keys, so that entries made for another database (a restored
    backup, a fresh demo on the same machine) are never read for this one. One query per process."""
    name = str(settings.DATABASES["default"].get("NAME", ""))
    found = _chain_ids.get(name)
    if found is None:
        first = AuditEvent.objects.order_by("pk").values_list("hash", flat=True).first()
        if first is None:
            return "empty"  # not kept: the chain's first event will name it
        found = _chain_ids[name] = first[:16]
    return found


def objects_changed(after: int, upto: int, *, limit: int) -> list[tuple[str, str, str]] | None:
    """The (object type, object id, verb) of the audit events after `after` up to `upto`; None when there are
    more than `limit` of them (a cache is then cheaper to rebuild than to check). One query."""
    connection = connections[router.db_for_read(AuditEvent)]
    q = connection.ops.quote_name
    sql = (  # asked on every page that checks a kept result while reports come in: plain SQL, no ORM build
        f"SELECT {q('object_type')}, {q('object_id')}, {q('verb')} FROM {q(AuditEvent._meta.db_table)} "  # noqa: S608
        f"WHERE {q('id')} > %s AND {q('id')} <= %s LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [after, upto, limit + 1])
        rows = [tuple(row) for row in cursor.fetchall()]
    return None if len(rows) > limit else rows


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def audit_key() -> bytes:
    """The chain's key; without it nothing is recorded or verified."""
    key = getattr(settings, "AUDIT_KEY", "")
    if not key:
        raise ImproperlyConfigured("AUDIT_KEY is not set: the audit chain cannot be recorded or verified.")
    return str(key).encode("utf-8")


def _payload(event: AuditEvent) -> str:
    return _canonical(
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


def event_hash(event: AuditEvent) -> str:
    """HMAC-SHA256 (key: AUDIT_KEY) of the previous hash and the event's content."""
    message = (event.prev_hash + _payload(event)).encode("utf-8")
    return hmac.new(audit_key(), message, hashlib.sha256).hexdigest()


def legacy_hash(event: AuditEvent) -> str:
    """The unkeyed SHA-256 the chain used before it was keyed (only to re-key an existing chain)."""
    return hashlib.sha256((event.prev_hash + _payload(event)).encode("utf-8")).hexdigest()


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
    state = _transaction_state()
    if state is not None:
        state.audited = True  # every write of this transaction is covered by the event's id
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    audit_key()  # refuse before anything is written
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # the chain's first event: make its head, then lock it like every later writer does
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
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


def _name(event: AuditEvent) -> str:
    return (
        f"event {event.id} ({event.at:%Y-%m-%d %H:%M:%S} {event.actor_name} {event.verb} {event.object_repr})"
    )


@dataclass(frozen=True)
class _Break:
    """An event whose stored predecessor hash is not the hash of the event before it (in id order)."""

    event_id: int
    name: str
    linked_to: int | None  # the id of the event whose hash it names as predecessor, if that event exists
    after: int | None  # the id of the event actually before it


def _classify(breaks: list[_Break]) -> list[ChainProblem]:
    """Name what happened at each break: an event moved (reordered) or events deleted before it.

    An event linked to one that comes later was moved earlier. An event linked to one further back was moved
    later, unless that one was itself moved earlier (then only its neighbour changed, which is already named).
    """
    moved_early = {b.event_id for b in breaks if b.linked_to is not None and b.linked_to > b.event_id}
    problems: list[ChainProblem] = []
    for b in breaks:
        after = f"event {b.after}" if b.after is not None else "the start of the chain"
        if b.linked_to is None:
            message = f"{b.name}: link broken: an event between {after} and this one was deleted or edited"
        elif b.linked_to in moved_early and b.event_id not in moved_early:
            continue
        else:
            message = f"{b.name}: reordered (it belongs after event {b.linked_to}, not after {after})"
        problems.append(ChainProblem(b.event_id, message))
    return problems


def verify() -> list[ChainProblem]:
    """Walk the chain in order; name every event whose content, place or predecessor does not hold."""
    audit_key()
    problems: list[ChainProblem] = []
    breaks: list[_Break] = []
    position = dict(AuditEvent.objects.values_list("hash", "id"))
    prev_hash = GENESIS
    prev: AuditEvent | None = None
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event_hash(event) != event.hash:
            problems.append(
                ChainProblem(event.id, f"{_name(event)}: content was edited after it was recorded")
            )
        if event.prev_hash != prev_hash:
            linked = position.get(event.prev_hash)
            breaks.append(_Break(event.id, _name(event), linked, prev.id if prev else None))
        prev_hash = event.hash
        prev = event
    problems.extend(_classify(breaks))
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev_hash:
        last = f"after event {prev.id}" if prev is not None else "(no event left)"
        problems.append(
            ChainProblem(
                prev.id if prev else None,
                f"the newest events {last} were deleted (chain head does not match)",
            )
        )
    return problems


def head() -> tuple[int, str]:
    """How many events there are and the newest hash: what the daily anchor writes down."""
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    return (last[0], last[1]) if last else (0, GENESIS)


def check_anchor(event_id: int, anchored_hash: str) -> ChainProblem | None:
    """An anchored head must still be in the chain, unchanged."""
    if event_id == 0:
        return None
    current = AuditEvent.objects.filter(pk=event_id).values_list("hash", flat=True).first()
    if current is None:
        return ChainProblem(event_id, f"anchored event {event_id} is missing from the chain")
    if not hmac.compare_digest(current, anchored_hash):
        return ChainProblem(
            event_id, f"anchored event {event_id} no longer has the hash written in the anchor"
        )
    return None
