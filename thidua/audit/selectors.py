from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, QuerySet

from thidua.audit import chain
from thidua.audit.models import AuditChainHead, AuditEvent


def events_for_object(obj: Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


# Why verification stopped (``ChainCheck.problem``).
ALTERED = "altered"  # the event's hash or its link to the previous one does not match
MISSING = "missing"  # a gap in the sequence: this event was deleted
TRUNCATED = "truncated"  # the table ends before the head (or the checkpoint) says it does
HEAD = "head"  # the head row was deleted, or does not match the last event
CHECKPOINT = "checkpoint"  # the event differs from the one the checkpoint signed


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int  # events verified before the first bad one
    first_bad_sequence: int | None = None
    problem: str = ""
    last_hash: str = ""  # of the last event verified, when ``ok``


def verify_chain(checkpoint: chain.Checkpoint | None = None) -> ChainCheck:
    """Recompute every keyed hash in sequence order, then compare the end of the table with the
    chain head and, when given, with a checkpoint kept outside the server; report the first
    event that was altered, inserted or removed."""
    key = chain.chain_key()
    prev, expected = "", 1
    events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)
    for event in events:
        if event.sequence != expected:
            return ChainCheck(False, expected - 1, expected, MISSING)
        if event.prev_hash != prev or chain.event_mac(event, key) != event.hash:
            return ChainCheck(False, expected - 1, expected, ALTERED)
        if _differs_from(checkpoint, event):
            return ChainCheck(False, expected - 1, expected, CHECKPOINT)
        prev, expected = event.hash, expected + 1
    last = expected - 1
    return _check_end(last, prev, checkpoint)


def _differs_from(checkpoint: chain.Checkpoint | None, event: AuditEvent) -> bool:
    if checkpoint is None or checkpoint.sequence != event.sequence:
        return False
    return checkpoint.hash != event.hash


def _check_end(last: int, last_hash: str, checkpoint: chain.Checkpoint | None) -> ChainCheck:
    head = AuditChainHead.objects.filter(pk=1).first()
    if checkpoint is not None and checkpoint.sequence > last:
        return ChainCheck(False, last, last + 1, TRUNCATED)
    if head is None:
        # a database that never recorded anything; events without a head: the head was deleted
        return ChainCheck(True, 0) if last == 0 else ChainCheck(False, last, last, HEAD)
    if head.last_sequence > last:
        return ChainCheck(False, last, last + 1, TRUNCATED)
    if head.last_sequence < last:
        return ChainCheck(False, head.last_sequence, head.last_sequence + 1, HEAD)
    if head.last_hash != last_hash:
        return ChainCheck(False, last - 1, last, HEAD)
    return ChainCheck(True, last, last_hash=last_hash)
