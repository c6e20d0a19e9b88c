"""The catalogue of titles and forms by period, and adding an order or a medal to it.
GET renders; POST runs a service and redirects."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import services
from thidua.awards.enums import AwardCategory
from thidua.awards.forms import AwardTypeForm, CatalogueFilterForm
from thidua.awards.pages import catalogue_rows
from thidua.awards.rules import ADD_AWARD_TYPE
from thidua.awards.selectors import award_catalogue, with_deciders
from thidua.core.http import AuthedRequest
from thidua.core.web import require_person, run_service


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return redirect("awards:catalogue")


@login_required
def catalogue(request: AuthedRequest) -> HttpResponse:
    """The titles and forms with, for the chosen day, who decides and the reward."""
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else getattr(form, "cleaned_data", {})
    today = timezone.localdate()
    on = data.get("on") or today
    show_all = bool(data.get("all"))
    awards = with_deciders(
        award_catalogue(
            category=data.get("category", ""),
            subject=data.get("subject", ""),
            on=None if show_all else on,
        )
    )
    rows = catalogue_rows(awards, on)
    groups = [
        (label, [r for r in rows if r.award.category == value])
        for value, label in AwardCategory.choices
    ]
    context = {
        "groups": [(label, group) for label, group in groups if group],
        "form": form,
        "on": on,
        "is_today": on == today,
    }
    return render(request, "awards/catalogue.html", context)


@login_required
def new_award_type(request: AuthedRequest) -> HttpResponse:
    """A system administrator adds an order, a medal or another form to the catalogue."""
    require_person(request, ADD_AWARD_TYPE.name)
    form = AwardTypeForm(request.POST or None)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.add_award_type(user=request.user, **form.cleaned_data),
            form=form,
            success=lambda a: _("Đã thêm “{name}” vào danh mục.").format(name=a.name),
        )
        if outcome.ok:
            return redirect("awards:catalogue")
    return render(request, "awards/new_award_type.html", {"form": form})


@login_required
def registry(request: AuthedRequest) -> HttpResponse:
    """Sổ khen thưởng: the recorded awards in the person's scope, by name and by award."""
    from django.core.paginator import Paginator

    from thidua.awards.registry import award_choices, registry_for_user

    query = request.GET.get("q", "").strip()[:100]
    choices = award_choices()
    award = request.GET.get("award", "")
    award = award if award in dict(choices) else ""
    records = registry_for_user(request.user, query=query, award_code=award)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "award": award, "choices": choices}
    return render(request, "awards/registry.html", context)
