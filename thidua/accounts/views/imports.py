"""Creating many accounts from a file (/accounts/users/import/): upload → preview (every error
by row, nothing written) → confirm (the same checks again, then all rows or none)."""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.accounts import imports
from thidua.accounts.forms import ImportUsersForm
from thidua.accounts.imports.columns import describe
from thidua.accounts.imports.service import WEB_MAX_ROWS
from thidua.accounts.imports.template import XLSX_TYPE
from thidua.accounts.views.users import site_root
from thidua.core.http import AuthedRequest
from thidua.core.web import require

MAX_BYTES = 2 * 1024 * 1024


def _uploaded(form: ImportUsersForm) -> tuple[bytes, str] | None:
    """The file: uploaded now (preview) or carried by the preview page (confirm)."""
    upload = form.cleaned_data.get("file")
    if upload is not None:
        if upload.size and upload.size > MAX_BYTES:
            form.add_error("file", _("Tệp quá lớn: tối đa 2 MB."))
            return None
        return upload.read(), upload.name or ""
    try:
        data = base64.b64decode(form.cleaned_data.get("content") or "", validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if not data:
        form.add_error("file", _("Hãy chọn tệp danh sách."))
        return None
    return data, form.cleaned_data.get("filename") or ""


@login_required
def import_users(request: AuthedRequest) -> HttpResponse:
    require(request, "accounts.import_users")
    form = ImportUsersForm(request.POST or None, request.FILES or None)
    result, content = None, ""
    if request.method == "POST" and form.is_valid() and (found := _uploaded(form)):
        data, filename = found
        confirm = "confirm" in request.POST
        result = imports.import_users(
            data=data,
            filename=filename,
            user=request.user,
            dry_run=not confirm,
            send_invitations=form.cleaned_data["send_invitations"],
            base_url=site_root(request),
            max_rows=WEB_MAX_ROWS,
        )
        if confirm and result.ok:
            messages.success(
                request,
                _("Đã tạo {count} tài khoản từ tệp “{file}”.").format(
                    count=result.created, file=result.filename
                ),
            )
            return redirect("accounts:users")
        content = base64.b64encode(data).decode("ascii")
    context = {
        "form": form,
        "result": result,
        "content": content,
        "columns": [(c.header, describe(c)) for c in imports.COLUMNS],
        "max_rows": WEB_MAX_ROWS,
        "max_mb": min(2, settings.THIDUA_MAX_UPLOAD_MB),
    }
    return render(request, "accounts/users/import.html", context)


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    require(request, "accounts.import_users")
    user = request.user
    authority = user.authority.code if user.authority is not None else "HN"
    unit = user.organization.code if user.organization is not None else f"{authority}-SNV"
    response = HttpResponse(imports.build_xlsx(unit, authority), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-nguoi-dung.xlsx"'
    return response
