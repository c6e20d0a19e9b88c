"""Writing the audit trail. Every domain service that changes state calls ``record_event``."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from thidua.audit import chain
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.core.middleware import current_actor, current_ip, current_request_id


def _jsonable(value: Any) -> Any:  # noqa: PLR0911 -- one return per JSON-able type
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The named concrete fields of ``obj`` (all of them by default) as JSON-able values."""
    names = list(fields) if fields is not None else [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


_IP_FIELD = AuditEvent._meta.get_field("ip_address")


# Events recorded inside ``batched_events`` and not yet appended to the chain (None: not batching).
_pending: ContextVar[list[AuditEvent] | None] = ContextVar("thidua_audit_pending", default=None)
BATCH_SIZE = 500


def record_event(
    *,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    actor: Any = None,
) -> AuditEvent:
    """Append one event to the hash-chained audit trail, in the caller's transaction.

    ``actor`` defaults to the user of the current request (set by AuditContextMiddleware).
    Inside ``batched_events`` the event is only built here (its ``sequence``, ``prev_hash`` and
    ``hash`` are set, and it is stored, when the batch ends).
    """
    if actor is None:
        actor = current_actor()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_repr=(str(actor) if actor is not None else "hệ thống")[:200],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        # what is hashed is what the database gives back: JSON through a round trip
        before=json.loads(json.dumps(_jsonable(before))) if before is not None else None,
        after=json.loads(json.dumps(_jsonable(after))) if after is not None else None,
        note=note,
        request_id=current_request_id() or "",
        ip_address=_IP_FIELD.get_prep_value(current_ip()),  # hashed as it is stored
    )
    pending = _pending.get()
    if pending is not None:
        pending.append(event)
    else:
        _append([event])
    return event


@contextmanager
def batched_events() -> Iterator[None]:
    """Record the audit events of the block and append them to the chain in one step at its end.

    For a large all-or-nothing operation (the unit import): the chain's head is locked and
    rewritten once instead of once per event. The events keep the order in which they were
    recorded, with their own times, and the chain stays what ``thidua audit-verify`` checks.

    Rules:
    - it must run inside a transaction (``transaction.atomic``), else ``RuntimeError``: the
      events must be written with the changes they describe, or not at all;
    - an exception leaving the block writes no event (the caller's transaction then rolls back
      the changes too);
    - only for all-or-nothing operations: a savepoint rolled back *inside* the block whose error
      is swallowed leaves its events pending, and they would be written at the end although its
      changes were undone. The import rolls back everything on any error, so this cannot happen
      there;
    - nested blocks join the outermost one, which writes all the events.
    """
    if _pending.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("batched_events() must run inside transaction.atomic()")
    events: list[AuditEvent] = []
    token = _pending.set(events)
    try:
        yield
    finally:
        _pending.reset(token)
    if events:
        _append(events)


@transaction.atomic
def _append(events: list[AuditEvent]) -> None:
    """Chain ``events`` after the head, in order: one lock, one head update."""
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    sequence, prev_hash = head.last_sequence, head.last_hash
    key = chain.chain_key()
    for event in events:
        sequence += 1
        event.sequence, event.prev_hash = sequence, prev_hash
        event.hash = prev_hash = chain.event_mac(event, key)
    if len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    head.last_sequence, head.last_hash = sequence, prev_hash
    head.save(update_fields=["last_sequence", "last_hash"])
