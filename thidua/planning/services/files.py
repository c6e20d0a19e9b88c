"""Stored files of plans and drives (attachments, evidence): writing them, removing them safely."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from thidua.core.models import StoredFile

if TYPE_CHECKING:
    from thidua.accounts.models import User


def store_uploads(
    model: type[StoredFile], files: Sequence[UploadedFile], *, by: User | None, **owner: Any
) -> None:
    """One row of ``model`` per upload (name, size, type, hash, who), attached to ``owner``."""
    for upload in files:
        item = model(**owner)
        item.set_upload(upload, by=by)
        item.save()


def remove_stored(items: Iterable[StoredFile]) -> list[str]:
    """Delete the rows; each file goes once the transaction commits, unless another row (a later
    version carrying the attachment) still uses it. Returns the names, for the audit trail."""
    removed = []
    for item in items:
        removed.append(item.original_name)
        name = item.file.name or ""
        item.delete()
        delete_file_later(name, still_used=type(item)._default_manager.filter(file=name).exists())
    return removed


def delete_file_later(storage_name: str, *, still_used: bool) -> None:
    """Remove a stored file once the transaction commits, unless another row still uses it."""
    if not storage_name or still_used:
        return
    transaction.on_commit(lambda: default_storage.delete(storage_name))
