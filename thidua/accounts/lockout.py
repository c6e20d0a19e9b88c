"""Throttled sign-ins (django-axes): what a locked-out person sees and the audit of a lockout.

Axes counts wrong passwords per account and per address (``settings.AXES_LOCKOUT_PARAMETERS``);
at ``AXES_FAILURE_LIMIT`` the account, or the address, is locked for ``AXES_COOLOFF_TIME``, and
a right password changes nothing until then. A success resets the count.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_failure_limit
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.accounts.services.logins import record_lockout


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    return _(
        "Tài khoản hoặc địa chỉ này tạm bị khóa do đăng nhập sai nhiều lần; thử lại sau "
        "{minutes} phút hoặc liên hệ quản trị."
    ).format(minutes=cooloff_minutes())


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, with the lockout message, answered 429 (``AXES_LOCKOUT_CALLABLE``)."""
    context = {
        "form": AuthenticationForm(request),
        "locked_out": lockout_message(),
        "next": request.POST.get("next", "") or request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


@receiver(user_locked_out, dispatch_uid="accounts.audit_lockout")
def _on_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """Axes signals every refused attempt while locked; the audit trail gets the lockout itself
    (the attempt that reached the limit), not each knock on the locked door."""
    failures = getattr(request, "axes_failures_since_start", None)
    credentials = getattr(request, "axes_credentials", None)
    if failures is not None and failures != get_failure_limit(request, credentials):
        return
    record_lockout(
        username=username or "",
        ip=ip_address,
        failures=failures or 0,
        cooloff_minutes=cooloff_minutes(),
    )
