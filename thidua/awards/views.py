from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thidua.awards.enums import AwardCategory, AwardSubject
from thidua.awards.selectors import award_catalogue
from thidua.core.http import AuthedRequest


@login_required
def catalogue(request: AuthedRequest) -> HttpResponse:
    """Read-only: the titles and forms with level, deciding authority and legal basis."""
    category = request.GET.get("category", "")
    subject = request.GET.get("subject", "")
    show_all = request.GET.get("all") == "1"
    awards = award_catalogue(
        category=category if category in AwardCategory.values else "",
        subject=subject if subject in AwardSubject.values else "",
        on=None if show_all else timezone.localdate(),
    )
    groups = [
        (label, [a for a in awards if a.category == value])
        for value, label in AwardCategory.choices
    ]
    context = {
        "groups": [(label, rows) for label, rows in groups if rows],
        "category": category,
        "subject": subject,
        "show_all": show_all,
        "categories": AwardCategory.choices,
        "subjects": AwardSubject.choices,
    }
    return render(request, "awards/catalogue.html", context)
