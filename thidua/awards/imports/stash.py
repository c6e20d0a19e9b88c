"""A checked file kept between the preview and the confirmation of an import on the page: the
bytes sit in the file storage (``STORAGES["default"]``, shared by every app server) under
``import-stash/``, named by the user and the SHA-256 of the content, for at most a day; confirming
reads them back only if the hash still matches. The folder is never served: uploads are only
downloaded through views that check scope (``core.http.serve_stored_file``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

MAX_AGE = dt.timedelta(days=1)
FOLDER = "import-stash"
_SHA = re.compile(r"^[0-9a-f]{64}$")


def _name(user_id: int, sha256: str) -> str:
    return f"{FOLDER}/{user_id}-{sha256}"


def _remove_expired() -> None:
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - MAX_AGE
    for name in files:
        try:
            if default_storage.get_modified_time(f"{FOLDER}/{name}") < limit:
                default_storage.delete(f"{FOLDER}/{name}")
        except FileNotFoundError:  # removed meanwhile by another server
            continue


def keep(user_id: int, data: bytes) -> str:
    """Stores ``data`` for ``user_id``; returns its SHA-256. Files older than a day are removed."""
    _remove_expired()
    sha256 = hashlib.sha256(data).hexdigest()
    name = _name(user_id, sha256)
    default_storage.delete(name)  # the same file previewed again: one copy, the newest
    default_storage.save(name, ContentFile(data))
    return sha256


def take(user_id: int, sha256: str) -> bytes | None:
    """The stored bytes (removed from the storage), or None if absent, expired or altered."""
    if not _SHA.match(sha256):
        return None
    name = _name(user_id, sha256)
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        modified = default_storage.get_modified_time(name)
    except FileNotFoundError:
        return None
    default_storage.delete(name)
    if timezone.now() - modified > MAX_AGE or hashlib.sha256(data).hexdigest() != sha256:
        return None
    return data
