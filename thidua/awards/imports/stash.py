"""A checked file kept between the preview and the confirmation of an import on the page: the
bytes sit in a private folder (not under MEDIA_ROOT), named by the user and the SHA-256 of the
content, for at most a day; confirming reads them back only if the hash still matches."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
_SHA = re.compile(r"^[0-9a-f]{64}$")


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "history-import-stash"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(user_id: int, sha256: str) -> Path:
    return _folder() / f"{user_id}-{sha256}"


def keep(user_id: int, data: bytes) -> str:
    """Stores ``data`` for ``user_id``; returns its SHA-256. Older files are removed."""
    now = time.time()
    for old in _folder().iterdir():
        if now - old.stat().st_mtime > MAX_AGE_SECONDS:
            old.unlink(missing_ok=True)
    sha256 = hashlib.sha256(data).hexdigest()
    _path(user_id, sha256).write_bytes(data)
    return sha256


def take(user_id: int, sha256: str) -> bytes | None:
    """The stored bytes (removed from the folder), or None if absent, expired or altered."""
    if not _SHA.match(sha256):
        return None
    path = _path(user_id, sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    path.unlink(missing_ok=True)
    if hashlib.sha256(data).hexdigest() != sha256:
        return None
    return data
