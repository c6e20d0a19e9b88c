"""The urn seal and the codes of a vote (docs/dev/voting-design.md §4.2–§4.3).

A ballot in the urn is AES-GCM ciphertext under a key derived (HKDF-SHA256) from the server's
``VOTING_SEAL_KEY`` and the question's random ``seal_salt``; the salt is erased at close, so the
key cannot be derived again. Every sealed ballot of one question has the same length (padding),
so the length does not tell how many marks it holds. Pass codes are stored only as an HMAC with
``VOTING_PASS_KEY``; receipts are drawn by the server and signed into the voting form."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# Crockford base-32: no I, L, O, U (read aloud and typed without confusion)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})
PASS_LENGTH = 12  # ≈ 60 bits
RECEIPT_LENGTH = 8  # ≈ 40 bits, unique per question (checked in the urn)
_NONCE = 12
# one choice in canonical JSON: ["<36-char uuid>","Y"], → 45 bytes; plus receipt and weight
_PER_CANDIDATE = 48
_FIXED = 96


class SealError(Exception):
    """The urn cannot be opened: wrong key, erased salt or altered ciphertext."""


@dataclass(frozen=True)
class Content:
    """What one voter put in the urn: their receipt, their marks, their weight."""

    receipt: str
    choices: tuple[tuple[str, str], ...]  # canonical: sorted by candidate uuid
    weight: int


def new_salt() -> bytes:
    return secrets.token_bytes(32)


def _code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_pass_code() -> str:
    return _code(PASS_LENGTH)


def new_receipt() -> str:
    return _code(RECEIPT_LENGTH)


def normalize(code: str) -> str:
    """What a person typed, as the code: upper case, no spaces or dashes, O→0, I/L→1."""
    return "".join(ch for ch in code.upper().translate(_TYPO) if ch in ALPHABET)


def show(code: str) -> str:
    """The code in groups of four, as printed: ``K7Q2-M9TX``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def pass_hmac(code: str) -> str:
    key = str(settings.VOTING_PASS_KEY).encode()
    return hmac.new(key, normalize(code).encode(), hashlib.sha256).hexdigest()


def _key(ballot_uuid: uuid.UUID, salt: bytes) -> bytes:
    if not salt:
        raise SealError("the urn key was erased")
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=bytes(salt),
        info=b"thidua-urn:" + ballot_uuid.bytes,
    ).derive(str(settings.VOTING_SEAL_KEY).encode())


def receipt_mac(ballot_uuid: uuid.UUID, salt: bytes, receipt: str) -> str:
    """Refuses a second ballot with the same receipt without storing the receipt in clear."""
    return hmac.new(_key(ballot_uuid, salt), receipt.encode(), hashlib.sha256).hexdigest()


def padded_size(candidates: int) -> int:
    return _FIXED + _PER_CANDIDATE * max(candidates, 1)


def seal(ballot_uuid: uuid.UUID, salt: bytes, content: Content, *, candidates: int) -> bytes:
    plain = json.dumps(
        [content.receipt, [list(c) for c in content.choices], content.weight],
        separators=(",", ":"),
    ).encode()
    size = padded_size(candidates)
    if len(plain) > size:
        raise SealError("ballot larger than its padding")
    nonce = secrets.token_bytes(_NONCE)
    padded = plain + b" " * (size - len(plain))
    return nonce + AESGCM(_key(ballot_uuid, salt)).encrypt(nonce, padded, ballot_uuid.bytes)


def unseal(ballot_uuid: uuid.UUID, salt: bytes, blob: bytes) -> Content:
    blob = bytes(blob)
    try:
        plain = AESGCM(_key(ballot_uuid, salt)).decrypt(
            blob[:_NONCE], blob[_NONCE:], ballot_uuid.bytes
        )
    except Exception as exc:  # InvalidTag and friends: never say more than "cannot open"
        raise SealError("cannot open a sealed ballot") from exc
    receipt, choices, weight = json.loads(plain.decode().rstrip())
    return Content(str(receipt), tuple((str(c), str(m)) for c, m in choices), int(weight))
