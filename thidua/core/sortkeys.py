"""Stored Vietnamese sort keys: one mechanism for every sortable model.

A model whose rows are listed in Vietnamese order inherits :class:`SortKeyed`: it gets the
``sort_key`` column (the hex ICU collation key, see ``vntext``) and names the field it sorts by;
with ``search_sources`` it also keeps ``search_text``, the accent-folded text that searches match.
Both are derived on every ``save``. After an ICU upgrade ``thidua rebuild-sort-keys`` recomputes
them for every ``SortKeyed`` model: a new sortable model cannot be forgotten, because the
command finds the models itself (and a test fails for a ``sort_key`` column outside this class).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.apps import apps
from django.db import models, transaction

from thidua.core.vntext import search_document, sort_key


class SortKeyed(models.Model):
    """Abstract: a stored Vietnamese collation key (and, optionally, accent-folded search text)."""

    sort_key = models.CharField(max_length=600, editable=False, db_index=True, default="")

    sort_source: ClassVar[str] = "name"  # the field whose text gives the order
    # Fields folded into ``search_text`` (the model declares that column); empty: no search text.
    search_sources: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived columns only; no business logic here.
        self.derive_text_keys()
        super().save(*args, **kwargs)

    def derive_text_keys(self) -> None:
        self.sort_key = sort_key(getattr(self, self.sort_source))
        if self.search_sources:
            parts = (getattr(self, name) for name in self.search_sources)
            self.search_text = search_document(*parts)

    @classmethod
    def text_key_fields(cls) -> list[str]:
        return ["sort_key", "search_text"] if cls.search_sources else ["sort_key"]


def sort_keyed_models() -> list[type[SortKeyed]]:
    """Every installed model that stores a sort key, in app order."""
    return [model for model in apps.get_models() if issubclass(model, SortKeyed)]


@transaction.atomic
def rebuild_sort_keys(*, batch_size: int = 500) -> dict[type[SortKeyed], int]:
    """Recompute the derived text columns of every row of every ``SortKeyed`` model.

    Side effects: rewrites ``sort_key`` (and ``search_text``) in place, in one transaction; no
    audit event (the columns are derived, nobody's data changes).
    """
    counts: dict[type[SortKeyed], int] = {}
    for model in sort_keyed_models():
        rows = list(model._default_manager.all())
        for row in rows:
            row.derive_text_keys()
        model._default_manager.bulk_update(rows, model.text_key_fields(), batch_size=batch_size)
        counts[model] = len(rows)
    return counts
