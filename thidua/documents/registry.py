"""Kinds of official documents. Each app registers its kinds (pledge, registration summary,
score summary…) in its ``AppConfig.ready``; the documents app renders them (DOCX/PDF), serves
them at /documents/<kind>/<cluster-code>/<year>.<fmt> and from ``thidua doc <kind> …``.

A builder returns the template name and context; it never assembles the document in Python. Who
may print a kind is a declared permission (``permission``), asked with the cluster year by the
web view and the service; the command line (no user) is the server's operator. A second kind
with the same slug, or a permission nobody declared, fails when the project starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import rules
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import Registry


class DocumentUnavailable(Exception):
    """A builder cannot produce the document yet (e.g. no pledge this year); the message says why."""


@dataclass(frozen=True)
class DocumentContent:
    template_name: str  # a Django template extending "documents/nd30_base.html"
    context: dict[str, Any]
    filename: str  # without extension, e.g. "giao-uoc-HN-C10-2020"
    landscape: bool = False
    mode: str = "original"  # signatures.SigningMode: the original to sign, or a copy


class DocumentBuilder(Protocol):
    """``build(cluster_year=…, user=…|None, **options)``: gathers data, raises DocumentUnavailable."""

    def __call__(
        self, *, cluster_year: Any, user: Any = None, **options: Any
    ) -> DocumentContent: ...


class DocumentDate(Protocol):
    """``dated_by(cluster_year)``: the date the document will carry — the date of the event it
    records (the conference, the adoption), never the day it is printed — or ``None`` when it
    has none yet: the document then prints ``ngày … tháng … năm …`` to fill by hand and the page
    offering it warns (:data:`UNDATED_WARNING`). May raise :class:`DocumentUnavailable`."""

    def __call__(self, cluster_year: Any, /) -> dt.date | None: ...


UNDATED_WARNING = _("Văn bản chưa có ngày: in ra sẽ để trống ngày để ghi tay.")


@dataclass(frozen=True)
class DocumentKind:
    slug: str  # "pledge": part of the address, a constant of the registering app
    title: str | Promise  # "Giao ước thi đua"
    build: DocumentBuilder
    permission: str  # declared permission, asked with the cluster year: who may print it
    options: Mapping[str, Any] = field(default_factory=dict)
    dated_by: DocumentDate | None = None  # the date it carries (None: it has no date field)
    # N-7 type code ("GƯ", "BB"): the document is numbered from its issuer's register when it
    # is issued, and prints "Số:      /GƯ-CTĐ6" until then; "" = a document without a number.
    type_code: str = ""

    def is_undated(self, cluster_year: Any) -> bool:
        """The document will print blanks for its date (the page warns); ``False`` when it
        cannot be printed at all (the download says why) or carries no date."""
        if self.dated_by is None:
            return False
        try:
            return self.dated_by(cluster_year) is None
        except DocumentUnavailable:
            return False


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
