"""Kinds of official documents. Each app registers its kinds (pledge, registration summary,
score summary…) in its ``AppConfig.ready``; the documents app renders them (DOCX/PDF), serves
them at /documents/<kind>/<cluster-code>/<year>.<fmt> and from ``thidua doc <kind> …``.

A builder returns the template name and context; it never assembles the document in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class DocumentUnavailable(Exception):
    """A builder cannot produce the document yet (e.g. no pledge this year); the message says why."""


@dataclass(frozen=True)
class DocumentContent:
    template_name: str  # a Django template extending "documents/nd30_base.html"
    context: dict[str, Any]
    filename: str  # without extension, e.g. "giao-uoc-HN-C10-2020"
    landscape: bool = False


@dataclass(frozen=True)
class DocumentKind:
    slug: str  # "pledge"
    title: str  # "Giao ước thi đua"
    build: Callable[..., DocumentContent]  # build(cluster_year=…, user=…|None) -> DocumentContent
    # can_view(user, cluster_year) -> bool; the command line (user=None) is always allowed.
    can_view: Callable[[Any, Any], bool]
    options: dict[str, Any] = field(default_factory=dict)


_KINDS: dict[str, DocumentKind] = {}


def register_document(kind: DocumentKind) -> None:
    _KINDS[kind.slug] = kind


def get_document_kind(slug: str) -> DocumentKind | None:
    return _KINDS.get(slug)


def document_kinds() -> list[DocumentKind]:
    return sorted(_KINDS.values(), key=lambda k: k.slug)
