from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from thidua.core.http import AuthedRequest
from thidua.legal.models import RuleParameter, RuleSet


@login_required
def rule_sets(request: AuthedRequest) -> HttpResponse:
    """Every rule set in force or past, with its parameters, legal basis and confidence mark."""
    sets = RuleSet.objects.select_related("authority").prefetch_related(
        Prefetch("parameters", queryset=RuleParameter.objects.order_by("key"))
    )
    return render(request, "legal/rule_sets.html", {"rule_sets": sets})
