"""“Mã truy cập API” (/accounts/me/tokens/): a person's own API tokens — list, create (the secret
shown once), revoke."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thidua.accounts import services
from thidua.accounts.forms import ApiTokenForm
from thidua.accounts.selectors import api_token_or_404, api_tokens_of
from thidua.core.http import AuthedRequest
from thidua.core.web import require, require_person, run_service


def _page(
    request: AuthedRequest, form: ApiTokenForm, *, secret: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "tokens": list(api_tokens_of(request.user)),
        "now": timezone.now(),
        "secret": secret,
    }
    return render(request, "accounts/tokens.html", context, status=status)


def _end_of(day: dt.date | None) -> dt.datetime | None:
    """A token “used until the end of” ``day`` expires at the next midnight, local time."""
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


@login_required
@never_cache
def token_list(request: AuthedRequest) -> HttpResponse:
    return _page(request, ApiTokenForm())


@login_required
@require_POST
@never_cache
def token_create(request: AuthedRequest) -> HttpResponse:
    require(request, "accounts.create_api_token")
    form = ApiTokenForm(request.POST)
    outcome = run_service(
        request,
        lambda: services.create_api_token(
            user=request.user,
            name=form.cleaned_data["name"],
            expires_at=_end_of(form.cleaned_data["expires_on"]),
        ),
        form=form,
    )
    if outcome.ok and outcome.value is not None:
        return _page(request, ApiTokenForm(), secret=outcome.value.secret)
    return _page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = api_token_or_404(request.user, pk)
    require_person(request, "accounts.revoke_api_token", token)
    run_service(
        request,
        lambda: services.revoke_api_token(user=request.user, token=token),
        flash=True,
        success=_("Đã thu hồi mã “{name}”.").format(name=token.name),
    )
    return redirect("accounts:tokens")
