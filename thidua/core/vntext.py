"""Vietnamese text: alphabetical order (A Ă Â B C D Đ E Ê …) and accent-insensitive search.

Sorting uses ICU's Vietnamese collator. Its sort key is stored hex-encoded in an indexed
column, so the database orders rows correctly on SQLite and PostgreSQL alike, and pages of a
long list stay in Vietnamese order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import icu

T = TypeVar("T")

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    # "Cụm số 2" before "Cụm số 10", as people expect.
    collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return collator


def sort_key(text: str) -> str:
    """Hex-encoded ICU sort key: comparing two keys as plain ASCII strings gives Vietnamese order."""
    return bytes(_collator().getSortKey(text or "")).hex()


def vn_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    collator = _collator()
    return sorted(items, key=lambda item: collator.getSortKey(key(item)))


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ→d, collapse spaces: 'Sở Nội vụ' → 'so noi vu'."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_terms(query: str) -> list[str]:
    """The folded words of a search query; every word must match (AND)."""
    return [word for word in fold(query).split(" ") if word]


def search_document(*parts: str | None) -> str:
    """The folded text stored for searching: all the given parts, separated by spaces."""
    return " " + " ".join(fold(part) for part in parts if part) + " "
