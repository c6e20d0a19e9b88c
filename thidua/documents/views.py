from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.documents.enums import Channel, DocumentFormat
from thidua.documents.generate import generate_and_record
from thidua.documents.registry import DocumentUnavailable, document_kinds, get_document_kind
from thidua.documents.selectors import generated_for

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


def _cluster_year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return get_object_for_user_or_404(
        cluster_year_detail(request.user), cluster__code=code, year=year
    )


@login_required
@require_GET
def download(request: AuthedRequest, slug: str, code: str, year: int, fmt: str) -> HttpResponse:
    """/documents/<slug>/<cluster-code>/<year>.pdf|docx — 404 outside scope, 403 if not allowed."""
    if fmt not in DocumentFormat.values:
        raise Http404
    cluster_year = _cluster_year(request, code, year)
    kind = get_document_kind(slug)
    if kind is None:
        raise Http404
    if not kind.can_view(request.user, cluster_year):
        raise PermissionDenied
    try:
        generated = generate_and_record(
            kind, cluster_year=cluster_year, fmt=fmt, channel=Channel.WEB, user=request.user
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
@require_GET
def cluster_year_documents(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """Every kind of document of a cluster year the user may print, and (for those who run the
    cluster year) the history of what was printed."""
    cluster_year = _cluster_year(request, code, year)
    kinds = [kind for kind in document_kinds() if kind.can_view(request.user, cluster_year)]
    can_manage = request.user.has_perm("clusters.manage_clusteryear", cluster_year)
    history = list(generated_for(cluster_year)[:HISTORY_ROWS]) if can_manage else None
    return render(
        request,
        "documents/cluster_year.html",
        {"cy": cluster_year, "kinds": kinds, "history": history},
    )
