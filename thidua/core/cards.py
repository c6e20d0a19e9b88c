"""Link cards that apps contribute to shared pages (home panels, cluster-year sections).

A contributing function returns a :class:`Card` (or a mapping with ``title``, ``url`` and
optionally ``summary``), or ``None`` to stay hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Card:
    """One link on a shared page: a title, where it leads, and a line of summary."""

    title: str
    url: str
    summary: str = ""


def as_card(value: Card | Mapping[str, Any]) -> Card:
    """A :class:`Card` from what a contributor returned; a mapping without title or url fails."""
    if isinstance(value, Card):
        return value
    summary = value.get("summary") or ""
    return Card(title=str(value["title"]), url=str(value["url"]), summary=str(summary))
