"""The audit chain's cryptography (docs/audit.md): every stored field of an event, serialised
canonically, keyed with the audit key (``settings.AUDIT_KEY``, kept outside the database), and
the signed checkpoints an operator keeps elsewhere.

- ``event_mac``: HMAC-SHA256 over the canonical record, previous hash included, so editing any
  field of any event, or recomputing the chain without the key, is detected;
- checkpoints: ``(sequence, hash, time)`` signed with an Ed25519 key derived from the audit key;
  the public key verifies them anywhere, so a rewrite made with the key (a full recomputation)
  is still detected against a checkpoint taken before it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

SCHEME = "hmac-sha256/2"
CHECKPOINT_FORMAT = "thidua-audit-checkpoint/1"


class EventRecord(Protocol):
    """What a stored event holds (the model, or its historical version in a migration)."""

    sequence: int
    at: dt.datetime
    actor_id: int | None
    actor_repr: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: Any
    after: Any
    note: str
    request_id: str
    ip_address: str | None
    prev_hash: str


def _key(purpose: bytes, audit_key: str | None = None) -> bytes:
    secret = str(settings.AUDIT_KEY) if audit_key is None else audit_key
    return hmac.new(secret.encode("utf-8"), purpose, hashlib.sha256).digest()


@cache
def _chain_key(audit_key: str) -> bytes:
    return _key(b"thidua.audit.chain", audit_key)


def chain_key() -> bytes:
    return _chain_key(str(settings.AUDIT_KEY))


def canonical_time(value: dt.datetime) -> str:
    """UTC, always with microseconds: the same text whatever the database returned."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(event: EventRecord) -> bytes:
    record = [
        SCHEME,
        event.sequence,
        canonical_time(event.at),
        event.actor_id,
        event.actor_repr,
        event.action,
        event.object_type,
        event.object_id,
        event.object_repr,
        event.before,
        event.after,
        event.note,
        event.request_id,
        event.ip_address,
        event.prev_hash,
    ]
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def event_mac(event: EventRecord, key: bytes | None = None) -> str:
    return hmac.new(key or chain_key(), canonical(event), hashlib.sha256).hexdigest()


# --- checkpoints -------------------------------------------------------------------------------


class CheckpointError(ValueError):
    """A checkpoint file that cannot be read or whose signature does not verify."""


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    hash: str
    created_at: str
    public_key: str
    signature: str = ""

    def signed_text(self) -> bytes:
        body = {
            "format": CHECKPOINT_FORMAT,
            "sequence": self.sequence,
            "hash": self.hash,
            "created_at": self.created_at,
            "public_key": self.public_key,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def to_json(self) -> str:
        data = json.loads(self.signed_text())
        data["signature"] = self.signature
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def _signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_key(b"thidua.audit.checkpoint"))


def public_key_text(key: Ed25519PublicKey | None = None) -> str:
    raw = (key or _signing_key().public_key()).public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign_checkpoint(*, sequence: int, hash: str, now: dt.datetime) -> Checkpoint:
    unsigned = Checkpoint(
        sequence=sequence, hash=hash, created_at=canonical_time(now), public_key=public_key_text()
    )
    signature = _signing_key().sign(unsigned.signed_text())
    return Checkpoint(**{**unsigned.__dict__, "signature": base64.b64encode(signature).decode()})


def load_checkpoint(text: str, *, public_key: str | None = None) -> Checkpoint:
    """Parse and verify a checkpoint against ``public_key`` (base64) or the current audit key's."""
    try:
        data = json.loads(text)
        if data.get("format") != CHECKPOINT_FORMAT:
            raise CheckpointError("không phải tệp điểm kiểm của nhật ký Thi Đua")
        checkpoint = Checkpoint(
            sequence=int(data["sequence"]),
            hash=str(data["hash"]),
            created_at=str(data["created_at"]),
            public_key=str(data["public_key"]),
            signature=str(data["signature"]),
        )
        expected = public_key or public_key_text()
        if checkpoint.public_key != expected:
            raise CheckpointError("điểm kiểm được ký bằng một khóa khác")
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(expected))
        key.verify(base64.b64decode(checkpoint.signature), checkpoint.signed_text())
    except CheckpointError:
        raise
    except InvalidSignature as exc:
        raise CheckpointError("chữ ký của điểm kiểm không hợp lệ") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CheckpointError(f"tệp điểm kiểm hỏng ({exc})") from exc
    return checkpoint
