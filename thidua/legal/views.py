from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from thidua.core.http import AuthedRequest
from thidua.legal.selectors import rule_sets_page


@login_required
def rule_sets(request: AuthedRequest) -> HttpResponse:
    """Every rule set in force or past, with its parameters, legal basis and confidence mark."""
    return render(request, "legal/rule_sets.html", {"rule_sets": rule_sets_page()})
