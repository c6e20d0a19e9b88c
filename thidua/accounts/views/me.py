"""“Tài khoản của tôi” (/accounts/me/): change one's password, see and end one's sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts import services
from thidua.accounts.forms import ChangePasswordForm
from thidua.accounts.selectors import open_sessions, roles_by_year
from thidua.core.http import AuthedRequest
from thidua.core.web import run_service


def _context(request: AuthedRequest, form: ChangePasswordForm) -> dict[str, object]:
    return {
        "form": form,
        "sessions": open_sessions(request.user),
        "current_key": request.session.session_key,
        "years": roles_by_year(request.user),
    }


@login_required
def my_account(request: AuthedRequest) -> HttpResponse:
    form = ChangePasswordForm()
    return render(request, "accounts/me.html", _context(request, form))


@login_required
@require_POST
def change_password(request: AuthedRequest) -> HttpResponse:
    form = ChangePasswordForm(request.POST)
    outcome = run_service(
        request,
        lambda: services.change_own_password(
            user=request.user,
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
            keep_session_key=request.session.session_key,
        ),
        form=form,
        success=_("Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất."),
    )
    if outcome.ok:
        update_session_auth_hash(request, request.user)
        return redirect("accounts:me")
    return render(request, "accounts/me.html", _context(request, form), status=400)


@login_required
@require_POST
def end_sessions(request: AuthedRequest) -> HttpResponse:
    """One session (``session`` = its key) or every other one (no key)."""
    key = request.POST.get("session", "")
    if key and key != request.session.session_key:
        if services.end_session(user=request.user, session_key=key):
            messages.success(request, _("Đã đăng xuất phiên đó."))
    elif not key:
        ended = services.end_other_sessions(user=request.user, keep=request.session.session_key)
        messages.success(request, _("Đã đăng xuất {count} phiên khác.").format(count=ended))
    return redirect("accounts:me")
