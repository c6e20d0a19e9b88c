"""A typed registry: what apps higher in the layers contribute to a page of a lower app
(cluster-year sections, document kinds) or what the top app lists (home panels).

Entries are frozen dataclasses with a unique ``slug``: a second entry with the same slug raises
``ImproperlyConfigured`` when it is added, i.e. when the project starts (registrations run in
``AppConfig.ready``), so two apps cannot silently shadow each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured


class Entry(Protocol):
    """What every registry entry has: a slug, unique in its registry."""

    @property
    def slug(self) -> str: ...


class OrderedEntry(Entry, Protocol):
    """An entry shown on a page at a place: smaller ``order`` first."""

    @property
    def order(self) -> int: ...


E = TypeVar("E", bound=Entry)


def page_order(entry: OrderedEntry) -> tuple[int, str]:
    return (entry.order, entry.slug)


class Registry(Generic[E]):
    """Entries by slug; a duplicate slug is a configuration error. Iterated by ``sort_key``
    (the slug unless given, e.g. :func:`page_order`)."""

    def __init__(self, name: str, *, sort_key: Callable[[E], Any] | None = None) -> None:
        self.name = name
        self._entries: dict[str, E] = {}
        self._sort_key: Callable[[E], Any] = sort_key or (lambda entry: entry.slug)

    def add(self, entry: E) -> E:
        if entry.slug in self._entries:
            raise ImproperlyConfigured(
                f"{self.name}: the slug {entry.slug!r} is registered twice "
                f"({self._entries[entry.slug]!r} and {entry!r})"
            )
        self._entries[entry.slug] = entry
        return entry

    def remove(self, slug: str) -> None:
        """Only for tests that register a temporary entry."""
        self._entries.pop(slug, None)

    def get(self, slug: str) -> E | None:
        return self._entries.get(slug)

    def __contains__(self, slug: object) -> bool:
        return slug in self._entries

    def __iter__(self) -> Iterator[E]:
        return iter(sorted(self._entries.values(), key=self._sort_key))

    def __len__(self) -> int:
        return len(self._entries)
