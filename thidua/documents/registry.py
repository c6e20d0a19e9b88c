"""Kinds of official documents. Each app registers its kinds (pledge, registration summary,
score summary…) in its ``AppConfig.ready``; the documents app renders them (DOCX/PDF), serves
them at /documents/<kind>/<cluster-code>/<year>.<fmt> and from ``thidua doc <kind> …``.

A builder returns the template name and context; it never assembles the document in Python. Who
may print a kind is a declared permission (``permission``), asked with the cluster year by the
web view and the service; the command line (no user) is the server's operator. A second kind
with the same slug, or a permission nobody declared, fails when the project starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import rules
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from thidua.core.registry import Registry


class DocumentUnavailable(Exception):
    """A builder cannot produce the document yet (e.g. no pledge this year); the message says why."""


@dataclass(frozen=True)
class DocumentContent:
    template_name: str  # a Django template extending "documents/nd30_base.html"
    context: dict[str, Any]
    filename: str  # without extension, e.g. "giao-uoc-HN-C10-2020"
    landscape: bool = False


class DocumentBuilder(Protocol):
    """``build(cluster_year=…, user=…|None, **options)``: gathers data, raises DocumentUnavailable."""

    def __call__(
        self, *, cluster_year: Any, user: Any = None, **options: Any
    ) -> DocumentContent: ...


@dataclass(frozen=True)
class DocumentKind:
    slug: str  # "pledge": part of the address, a constant of the registering app
    title: str | Promise  # "Giao ước thi đua"
    build: DocumentBuilder
    permission: str  # declared permission, asked with the cluster year: who may print it
    options: Mapping[str, Any] = field(default_factory=dict)


KINDS: Registry[DocumentKind] = Registry("document kinds")


def register_document(kind: DocumentKind) -> DocumentKind:
    if not rules.perm_exists(kind.permission):
        raise ImproperlyConfigured(
            f"document kind {kind.slug!r}: permission {kind.permission!r} is not declared"
        )
    return KINDS.add(kind)


def get_document_kind(slug: str) -> DocumentKind | None:
    return KINDS.get(slug)


def document_kinds() -> list[DocumentKind]:
    return list(KINDS)
