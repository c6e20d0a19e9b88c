"""The history import page (/awards/import/) and its templates (/awards/import/template.xlsx,
template.csv?sheet=…). The report is rendered in answer to the POST itself (an error table
cannot survive a redirect); sending the same file again is harmless: identical rows are
skipped. A first upload is a dry run by default: the page shows the counts per sheet and a
“Xác nhận nhập” button that imports the file kept since the preview (``imports.stash``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.awards import imports
from thidua.awards.import_rules import IMPORT_HISTORY
from thidua.awards.imports import columns, stash, template
from thidua.awards.imports.context import units_in_scope
from thidua.clusters.forms import ImportForm
from thidua.core.http import AuthedRequest
from thidua.core.sheets import thousands
from thidua.core.web import require


def _example_unit(request: AuthedRequest) -> str:
    """A unit code the person may import for, written in the template's examples."""
    first = units_in_scope(request.user).order_by("sort_key").values_list("code", flat=True)
    return first.first() or "MA-DON-VI"


@login_required
def import_history(request: AuthedRequest) -> HttpResponse:
    require(request, IMPORT_HISTORY.name)
    result, stashed = None, ""
    form = ImportForm(request.POST or None, request.FILES or None, initial={"dry_run": True})
    if request.method == "POST" and "confirm" in request.POST:
        result = _confirm(request)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.import_history(
            data=form.cleaned_data["data"],
            filename=upload.name or "",
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
            max_rows=imports.WEB_MAX_ROWS,
        )
        if result.ok and result.dry_run and result.counts.total:
            stashed = stash.keep(request.user.pk, form.cleaned_data["data"])
    context = {
        "form": form,
        "result": result,
        "stashed": stashed,
        "summary": imports.summary(result) if result is not None else "",
        "sheets": columns.SHEETS,
        "max_rows": thousands(imports.WEB_MAX_ROWS),
        "command_rows": thousands(imports.HISTORY_MAX_ROWS),
        "max_mb": settings.THIDUA_MAX_UPLOAD_MB,
    }
    return render(request, "awards/import_history.html", context)


def _confirm(request: AuthedRequest) -> imports.ImportResult | None:
    """Imports the file checked by the preview; checked again, since the data may have moved."""
    data = stash.take(request.user.pk, request.POST.get("confirm", ""))
    if data is None:
        messages.error(
            request, _("Không còn tệp đã kiểm tra (quá một ngày hoặc đã nhập). Hãy gửi lại tệp.")
        )
        return None
    return imports.import_history(
        data=data,
        filename=request.POST.get("filename", "")[:200] or "lich-su.xlsx",
        user=request.user,
        max_rows=imports.WEB_MAX_ROWS,
    )


@login_required
def import_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    require(request, IMPORT_HISTORY.name)
    unit = _example_unit(request)
    if fmt == "xlsx":
        content, content_type, name = template.build_xlsx(unit), template.XLSX_TYPE, "lich-su"
    elif fmt == "csv":
        key = request.GET.get("sheet", columns.PERSONS.key)
        spec = next((s for s in columns.SHEETS if s.key == key), None)
        if spec is None:
            raise Http404
        content, content_type = template.build_csv(spec, unit), template.CSV_TYPE
        name = f"lich-su-{key}"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-{name}.{fmt}"'
    return response
