from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, QuerySet

from thidua.audit.models import AuditEvent
from thidua.audit.services import _digest, event_payload


def events_for_object(obj: Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    first_bad_id: int | None = None


def verify_chain() -> ChainCheck:
    """Recompute every hash in order; report the first event that was altered or removed."""
    prev = ""
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev or _digest(event_payload(event)) != event.hash:
            return ChainCheck(ok=False, checked=checked, first_bad_id=event.pk)
        prev = event.hash
        checked += 1
    return ChainCheck(ok=True, checked=checked)
