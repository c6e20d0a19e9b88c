from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from thidua.core.http import AuthedRequest
from thidua.home.panels import panels_for
from thidua.home.selectors import home_summary


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """One home page, its panels chosen by role (board, secretariat, unit, council)."""
    summary = home_summary(request.user)
    context = {
        "latest_year": summary.latest_year,
        "current_years": summary.current_years,
        "current_total": summary.current_total,
        "headed_years": summary.headed_years,
        "is_secretariat": summary.is_secretariat,
        "panels": panels_for(request),
    }
    return render(request, "home/home.html", context)
