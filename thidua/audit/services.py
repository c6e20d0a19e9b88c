"""Writing the audit trail. Every domain service that changes state calls ``record_event``."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterable
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


@transaction.atomic
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
    """
    if actor is None:
        actor = current_actor()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        sequence=head.last_sequence + 1,
        at=timezone.now(),
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_repr=(str(actor) if actor is not None else "hệ thống")[:200],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
        request_id=current_request_id() or "",
        ip_address=_IP_FIELD.get_prep_value(current_ip()),  # hashed as it is stored
        prev_hash=head.last_hash,
    )
    # what is hashed is what the database gives back: JSON through a round trip, text truncated
    event.before = json.loads(json.dumps(event.before)) if event.before is not None else None
    event.after = json.loads(json.dumps(event.after)) if event.after is not None else None
    event.hash = chain.event_mac(event)
    event.save()
    head.last_sequence, head.last_hash = event.sequence, event.hash
    head.save(update_fields=["last_sequence", "last_hash"])
    return event
