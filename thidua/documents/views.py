from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import require
from thidua.documents.enums import Channel, DocumentFormat
from thidua.documents.forms import IssueForm
from thidua.documents.generate import generate_and_record
from thidua.documents.registry import (
    UNDATED_WARNING,
    DocumentKind,
    DocumentUnavailable,
    document_kinds,
    get_document_kind,
)
from thidua.documents.rules import ISSUE_DOCUMENT
from thidua.documents.selectors import generated_for, issued_documents
from thidua.documents.services import issue_document
from thidua.documents.signatures import SigningMode

HISTORY_ROWS = 50


def content_disposition(filename: str, *, inline: bool) -> str:
    """An ASCII ``filename`` for old clients and the exact UTF-8 one (RFC 6266 / RFC 5987)."""
    text = filename.replace("đ", "d").replace("Đ", "D")
    text = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "van-ban"
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


@login_required
@require_GET
def download(request: AuthedRequest, slug: str, code: str, year: int, fmt: str) -> HttpResponse:
    """/documents/<slug>/<cluster-code>/<year>.pdf|docx — 404 outside scope, 403 if not allowed."""
    if fmt not in DocumentFormat.values:
        raise Http404
    cluster_year = cluster_year_or_404(request.user, code, year, cluster_year_detail(request.user))
    kind = get_document_kind(slug)
    if kind is None:
        raise Http404
    require(request, kind.permission, cluster_year)
    mode = request.GET.get("ban", SigningMode.ORIGINAL)
    if mode not in SigningMode.values:
        raise Http404
    try:
        generated = generate_and_record(
            kind,
            cluster_year=cluster_year,
            fmt=fmt,
            channel=Channel.WEB,
            user=request.user,
            mode=mode,
        )
    except DocumentUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("documents:cluster_year", code=code, year=year)
    response = HttpResponse(generated.data, content_type=generated.media_type)
    response["Content-Disposition"] = content_disposition(
        generated.filename, inline=fmt == DocumentFormat.PDF
    )
    response["Content-Length"] = str(len(generated.data))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def issue(request: AuthedRequest, code: str, year: int, slug: str) -> HttpResponse:
    """Issue a numbered document: the next number of the register and the chosen date."""
    cluster_year = cluster_year_or_404(request.user, code, year, cluster_year_detail(request.user))
    kind = get_document_kind(slug)
    if kind is None or not kind.type_code:
        raise Http404
    require(request, ISSUE_DOCUMENT.name, cluster_year)
    form = IssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("documents:cluster_year", code=code, year=year)
    try:
        entry = issue_document(
            kind=kind,
            cluster_year=cluster_year,
            document_date=form.cleaned_data["document_date"],
            user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã cấp số {number} cho {title}.").format(number=entry.number, title=kind.title),
        )
    return redirect("documents:cluster_year", code=code, year=year)


def _kind_rows(user: Any, cluster_year: Any, kinds: list[DocumentKind]) -> list[dict[str, Any]]:
    """Each printable kind with its issued number, or the date proposed for issuing it, and
    whether it would print a blank date (each kind's date is looked up once)."""
    issued = issued_documents(cluster_year)
    may_issue = user.has_perm(ISSUE_DOCUMENT.name, cluster_year)
    rows = []
    for kind in kinds:
        entry = issued.get(kind.slug)
        proposed, available = None, True
        if kind.dated_by is not None:
            try:
                proposed = kind.dated_by(cluster_year)
            except DocumentUnavailable:  # nothing to print yet (no pledge, no conference)
                available = False
        rows.append(
            {
                "kind": kind,
                "issued": entry,
                "may_issue": bool(kind.type_code) and entry is None and may_issue and available,
                "undated": kind.dated_by is not None and available and proposed is None,
                "form": IssueForm(initial={"document_date": proposed}),
            }
        )
    return rows


@login_required
@require_GET
def cluster_year_documents(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """Every kind of document of a cluster year the user may print, and (for those who run the
    cluster year) the history of what was printed."""
    user = request.user
    cluster_year = cluster_year_or_404(user, code, year, cluster_year_detail(user))
    kinds = [kind for kind in document_kinds() if user.has_perm(kind.permission, cluster_year)]
    rows = _kind_rows(user, cluster_year, kinds)
    # Read only for those who may see it; the template asks the same permission.
    may_see_history = user.has_perm("documents.view_history", cluster_year)
    history = list(generated_for(cluster_year)[:HISTORY_ROWS]) if may_see_history else []
    return render(
        request,
        "documents/cluster_year.html",
        {
            "cy": cluster_year,
            "kinds": kinds,
            "rows": rows,
            "history": history,
            "undated_warning": UNDATED_WARNING,
        },
    )
