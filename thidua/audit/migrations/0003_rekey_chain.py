"""The keyed chain, step 2 of 3: re-hash the existing events with the audit key.

The old chain (plain SHA-256 over some of the fields) is verified first; its result, the number
of events and the old last hash are recorded in a new ``audit.chain_rekeyed`` event at the end
of the new chain, so a break made before the switch stays on record instead of being hidden by
the re-hashing. Events are numbered 1, 2, 3… in their order of insertion (``id``).
"""

import hashlib
import json

from django.db import migrations
from django.utils import timezone

from thidua.audit import chain

BATCH = 1000


def _old_digest(event) -> str:
    payload = {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "note": event.note,
        "request_id": event.request_id,
        "prev": event.prev_hash,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rekey(apps, schema_editor):
    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    events = Event.objects.using(schema_editor.connection.alias)
    key = chain.chain_key()
    old_prev, old_bad, prev, sequence, batch = "", None, "", 0, []
    for event in events.order_by("id").iterator(chunk_size=BATCH):
        if old_bad is None and (event.prev_hash != old_prev or _old_digest(event) != event.hash):
            old_bad = event.pk
        old_prev = event.hash
        sequence += 1
        event.sequence, event.prev_hash = sequence, prev
        event.hash = prev = chain.event_mac(event, key)
        batch.append(event)
        if len(batch) == BATCH:
            events.bulk_update(batch, ["sequence", "prev_hash", "hash"])
            batch = []
    events.bulk_update(batch, ["sequence", "prev_hash", "hash"])
    if sequence:
        switch = Event(
            sequence=sequence + 1,
            at=timezone.now(),
            actor_repr="hệ thống",
            action="audit.chain_rekeyed",
            object_type="audit.auditevent",
            after={
                "scheme": chain.SCHEME,
                "events": sequence,
                "old_chain_intact": old_bad is None,
                "old_first_bad_id": old_bad,
                "old_last_hash": old_prev,
            },
            note="Chuỗi nhật ký được băm lại bằng khóa kiểm toán (HMAC-SHA256, mọi trường).",
            prev_hash=prev,
        )
        switch.hash = prev = chain.event_mac(switch, key)
        switch.save(using=schema_editor.connection.alias)
        sequence += 1
    Head.objects.using(schema_editor.connection.alias).update_or_create(
        pk=1, defaults={"last_sequence": sequence, "last_hash": prev}
    )


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_chain_sequence"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop, elidable=False),
    ]
