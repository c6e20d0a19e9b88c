"""The import page (/clusters/import/) and its downloadable templates.

The result is rendered in answer to the POST itself: the error table cannot survive a
redirect, and sending the same file again is harmless because an import only adds what is
missing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from thidua.clusters import imports
from thidua.clusters.forms import ImportForm
from thidua.clusters.imports import template
from thidua.clusters.imports.reader import WEB_MAX_ROWS
from thidua.core.http import AuthedRequest
from thidua.core.web import require
from thidua.organizations.models import Authority


def _example_authority(request: AuthedRequest) -> str:
    """The authority code written in the template's examples, so that they import as they are."""
    if request.user.authority_id and request.user.authority is not None:
        return request.user.authority.code
    first = Authority.objects.order_by("sort_key").values_list("code", flat=True).first()
    return first or "HN"


@login_required
def import_units(request: AuthedRequest) -> HttpResponse:
    require(request, "clusters.import_units")
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.import_units(
            data=form.cleaned_data["data"],
            filename=upload.name or "",
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
            max_rows=WEB_MAX_ROWS,
        )
    context = {
        "form": form,
        "result": result,
        "summary": imports.summary(result) if result is not None else "",
        "columns": [(c.header, imports.describe(c)) for c in imports.COLUMNS],
        "max_rows": f"{WEB_MAX_ROWS:,}".replace(",", "."),
        "max_mb": settings.THIDUA_MAX_UPLOAD_MB,
    }
    return render(request, "clusters/import.html", context)


@login_required
def import_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    require(request, "clusters.import_units")
    authority = _example_authority(request)
    if fmt == "xlsx":
        content, content_type = template.build_xlsx(authority), template.XLSX_TYPE
    elif fmt == "csv":
        content, content_type = template.build_csv(authority), template.CSV_TYPE
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-don-vi.{fmt}"'
    return response
