"""Writes of the documents app: number register (N-7) and the history of generated files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check
from thidua.documents.enums import Channel, DocumentFormat, SigningMode
from thidua.documents.formatting import format_document_number
from thidua.documents.models import DocumentNumber, GeneratedDocument
from thidua.documents.registry import DocumentUnavailable
from thidua.documents.selectors import cluster_symbol, issued_document
from thidua.organizations.models import Organization

NUMBER_FIELDS = [
    "issuer_id",
    "year",
    "sequence",
    "type_code",
    "number",
    "kind",
    "cluster_year_id",
    "document_date",
]
GENERATED_FIELDS = [
    "kind",
    "cluster_year_id",
    "format",
    "filename",
    "sha256",
    "size",
    "channel",
    "mode",
]
MIN_YEAR, MAX_YEAR = 1990, 2100
_SYMBOL = re.compile(r"^[^\s/]{1,20}$")
_RETRIES = 5


def _validate_symbol(value: str, *, label: str) -> None:
    if not _SYMBOL.match(value):
        raise ValidationError(
            _("{label} “{value}” không hợp lệ (không dấu cách, không dấu “/”).").format(
                label=label, value=value
            )
        )


def issue_document_number(
    *,
    issuer: Organization,
    year: int,
    type_code: str,
    issuer_symbol: str = "",
    kind: str = "",
    cluster_year: Any = None,
    note: str = "",
    user: Any = None,
) -> DocumentNumber:
    """Take the next number of ``issuer``'s register for ``year`` (01, 02, … from 1 January).

    Safe under concurrency: writers for one issuer queue on a row lock of the issuer, and the
    database forbids two rows with the same (issuer, year, sequence) in any case (a writer
    that still collides retries with the next sequence). A person (``user``) must hold
    ``documents.issue_number`` for the issuer; ``None`` is a trusted caller (another service,
    the command line). Side effects: the register row, a ``documents.number_issued`` event.
    """
    if user is not None:
        check(user, "documents.issue_number", issuer)
    return _issue(
        issuer,
        year,
        type_code=type_code,
        issuer_symbol=issuer_symbol,
        kind=kind,
        cluster_year=cluster_year,
        note=note,
        user=user,
    )


def _issue(
    issuer: Organization,
    year: int,
    *,
    type_code: str,
    issuer_symbol: str,
    kind: str,
    cluster_year: Any,
    note: str,
    user: Any,
    document_date: dt.date | None = None,
) -> DocumentNumber:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(_("Năm {year} không hợp lệ.").format(year=year))
    symbol = issuer_symbol or issuer.code
    if type_code:
        _validate_symbol(type_code, label=_("Ký hiệu loại văn bản"))
    _validate_symbol(symbol, label=_("Ký hiệu cơ quan ban hành"))
    fields = {
        "type_code": type_code,
        "kind": kind,
        "cluster_year": cluster_year,
        "note": note,
        "document_date": document_date,
    }
    for attempt in range(_RETRIES):
        try:
            return _take_next_number(issuer, year, symbol, fields, user)
        except IntegrityError:
            if attempt == _RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def _take_next_number(
    issuer: Organization, year: int, symbol: str, fields: dict[str, Any], user: Any
) -> DocumentNumber:
    """One attempt, in its own transaction: lock the issuer, take max + 1, write, audit."""
    list(Organization.objects.select_for_update().filter(pk=issuer.pk).values("pk"))
    last = DocumentNumber.objects.filter(issuer=issuer, year=year).aggregate(last=Max("sequence"))
    sequence = (last["last"] or 0) + 1
    entry = DocumentNumber.objects.create(
        issuer=issuer,
        year=year,
        sequence=sequence,
        number=format_document_number(sequence, fields["type_code"], symbol),
        issued_by=user if getattr(user, "pk", None) else None,
        **fields,
    )
    record_event(
        action="documents.number_issued",
        obj=entry,
        after=snapshot(entry, NUMBER_FIELDS),
        actor=user,
    )
    return entry


def issue_document(
    *, kind: Any, cluster_year: Any, document_date: dt.date | None, user: Any = None
) -> DocumentNumber:
    """Issue a cluster year's document (``kind``, a ``DocumentKind`` with a type code): the next
    number of the head unit's register for the document's year, in the cluster's series
    ("01/GƯ-CTĐ6"), and the date it carries — chosen by the person issuing, never after today.
    Once issued, every print carries that number and date. A person needs
    ``documents.issue_document`` for the cluster year; ``None`` is a trusted caller.
    Side effects: the register row and a ``documents.number_issued`` event."""
    if user is not None:
        check(user, "documents.issue_document", cluster_year)
    if not kind.type_code:
        raise ValidationError(_("Loại văn bản này không đánh số."), code="not_numbered")
    if document_date is None:
        raise ValidationError(_("Cần chọn ngày của văn bản."), code="date_required")
    if document_date > timezone.localdate():
        raise ValidationError(_("Ngày văn bản không thể sau hôm nay."), code="future_date")
    if kind.dated_by is not None:
        try:
            kind.dated_by(cluster_year)
        except DocumentUnavailable as exc:  # no pledge, no conference yet: nothing to issue
            raise ValidationError(str(exc), code="unavailable") from exc
    head = cluster_year.head
    if head is None:
        raise ValidationError(
            _("Chưa có đơn vị {role}: chưa cấp được số văn bản.").format(
                role=cluster_year.head_label.lower()
            ),
            code="no_head",
        )
    issued = issued_document(kind.slug, cluster_year)
    if issued is not None:
        raise ValidationError(already_issued(issued), code="already_issued")
    try:
        return _issue(
            head,
            document_date.year,
            type_code=kind.type_code,
            issuer_symbol=cluster_symbol(cluster_year.cluster),
            kind=kind.slug,
            cluster_year=cluster_year,
            note=str(kind.title)[:300],
            user=user,
            document_date=document_date,
        )
    except IntegrityError as exc:  # issued meanwhile by someone else
        issued = issued_document(kind.slug, cluster_year)
        if issued is None:
            raise
        raise ValidationError(already_issued(issued), code="already_issued") from exc


def already_issued(issued: DocumentNumber) -> str:
    day = issued.document_date.strftime("%d/%m/%Y") if issued.document_date else "…"
    return _("Văn bản đã được cấp số {number} ngày {day}.").format(number=issued.number, day=day)


def next_document_number(
    *, issuer: Organization, year: int, type_code: str, issuer_symbol: str = "", **extra: Any
) -> str:
    """The next "NN/TYPE-ISSUER" number of ``issuer`` for ``year`` (N-7), registered."""
    return issue_document_number(
        issuer=issuer, year=year, type_code=type_code, issuer_symbol=issuer_symbol, **extra
    ).number


@transaction.atomic
def record_generated_document(
    *,
    kind: Any,
    cluster_year: Any,
    fmt: str,
    filename: str,
    data: bytes,
    channel: str,
    user: Any = None,
    mode: str = SigningMode.ORIGINAL,
) -> GeneratedDocument:
    """Write down one generated file (kind, year, format, original or copy, SHA-256, size, who)
    in the history."""
    if (
        fmt not in DocumentFormat.values
        or channel not in Channel.values
        or mode not in SigningMode.values
    ):
        raise ValidationError(_("Định dạng hoặc kênh không hợp lệ."))
    entry = GeneratedDocument.objects.create(
        kind=kind.slug,
        title=str(kind.title)[:255],
        cluster_year=cluster_year,
        format=fmt,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        channel=channel,
        mode=mode,
        generated_by=user if getattr(user, "pk", None) else None,
    )
    record_event(
        action="documents.generated",
        obj=entry,
        after=snapshot(entry, GENERATED_FIELDS),
        actor=user,
    )
    return entry
