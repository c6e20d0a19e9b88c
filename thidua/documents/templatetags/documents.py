"""``{% document_url kind cluster_year "pdf" %}``: the download address of a registered kind.

``kind`` is a :class:`~thidua.documents.registry.DocumentKind` (or its slug, a constant the view
passes); a slug nobody registered fails at render time instead of making a dead link.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from thidua.documents.registry import UNDATED_WARNING, DocumentKind, get_document_kind

register = template.Library()


@register.simple_tag
def document_url(kind: DocumentKind | str, cluster_year: Any, fmt: str) -> str:
    slug = kind.slug if isinstance(kind, DocumentKind) else kind
    if get_document_kind(slug) is None:
        raise template.TemplateSyntaxError(f"document_url: no document kind {slug!r}")
    return reverse(
        "documents:download",
        kwargs={
            "slug": slug,
            "code": cluster_year.cluster.code,
            "year": cluster_year.year,
            "fmt": fmt,
        },
    )


@register.inclusion_tag("documents/_undated_warning.html")
def undated_warning(kind: DocumentKind | str, cluster_year: Any) -> dict[str, Any]:
    """``{% undated_warning kind cy %}``: "Văn bản chưa có ngày: in ra sẽ để trống ngày để ghi
    tay." when the document has no date of its own yet (``DocumentKind.dated_by``)."""
    found = kind if isinstance(kind, DocumentKind) else get_document_kind(kind)
    if found is None:
        raise template.TemplateSyntaxError(f"undated_warning: no document kind {kind!r}")
    return {"undated": found.is_undated(cluster_year), "message": UNDATED_WARNING}
