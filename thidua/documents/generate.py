"""Build, render and record one document: what the web view and the command line share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils import translation

from thidua.core.permissions import check
from thidua.documents import rendering, selectors
from thidua.documents.formatting import blank_number
from thidua.documents.registry import DocumentContent, DocumentKind
from thidua.documents.services import record_generated_document
from thidua.documents.signatures import SigningMode

MEDIA_TYPES = {"pdf": rendering.PDF_MEDIA_TYPE, "docx": rendering.DOCX_MEDIA_TYPE}


@dataclass(frozen=True)
class GeneratedFile:
    data: bytes
    filename: str  # with extension
    media_type: str


def render_kind(
    kind: DocumentKind,
    *,
    cluster_year: Any,
    fmt: str,
    user: Any = None,
    mode: str = SigningMode.ORIGINAL,
    **options: Any,
) -> GeneratedFile:
    """The document in ``fmt`` (pdf|docx): the original to sign, or a copy (``mode``).
    Official documents are always in Vietnamese."""
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown format {fmt!r}")
    if mode not in SigningMode.values:
        raise ValueError(f"unknown signing mode {mode!r}")
    with translation.override("vi"):
        content = kind.build(cluster_year=cluster_year, user=user, **{**kind.options, **options})
        content = replace(_numbered(kind, cluster_year, content), mode=mode)
        data = rendering.render_pdf(content) if fmt == "pdf" else rendering.render_docx(content)
    return GeneratedFile(
        data=data, filename=f"{content.filename}.{fmt}", media_type=MEDIA_TYPES[fmt]
    )


def _numbered(kind: DocumentKind, cluster_year: Any, content: DocumentContent) -> DocumentContent:
    """N-7: an issued document prints its number and the date chosen when it was issued; a
    numbered kind not issued yet prints "Số:      /GƯ-CTĐ6" for the records clerk."""
    doc = dict(content.context.get("doc") or {})
    issued = selectors.issued_document(kind.slug, cluster_year)
    if issued is not None:
        doc["number"] = issued.number
        if issued.document_date:
            doc["date"] = issued.document_date
    elif kind.type_code and not doc.get("number"):
        doc["number"] = blank_number(kind.type_code, selectors.cluster_symbol(cluster_year.cluster))
    else:
        return content
    return replace(content, context={**content.context, "doc": doc})


def generate_and_record(
    kind: DocumentKind,
    *,
    cluster_year: Any,
    fmt: str,
    channel: str,
    user: Any = None,
    mode: str = SigningMode.ORIGINAL,
) -> GeneratedFile:
    """Check the kind's permission (a person; ``None`` is the operator), render, then write the
    history row and the audit event."""
    if user is not None:
        check(user, kind.permission, cluster_year)
    generated = render_kind(kind, cluster_year=cluster_year, fmt=fmt, user=user, mode=mode)
    record_generated_document(
        kind=kind,
        cluster_year=cluster_year,
        fmt=fmt,
        filename=generated.filename,
        data=generated.data,
        channel=channel,
        user=user,
        mode=mode,
    )
    return generated
