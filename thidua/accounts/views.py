from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from thidua.accounts.panels import panels_for
from thidua.accounts.selectors import home_summary
from thidua.core.http import AuthedRequest


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """One home page, its panels chosen by role (board, secretariat, unit, council)."""
    context = home_summary(request.user)
    context["panels"] = panels_for(request)
    return render(request, "accounts/home.html", context)
