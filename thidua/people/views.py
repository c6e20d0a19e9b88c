"""The people pages: a unit's people (/people/units/<pk>/, with "Thêm cá nhân") and a person
(/people/<code>/). Outside the scope (``selectors``) both are 404; writes go through
``services``; the entry pages of a person's facts are ``entry_views``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx
from thidua.core.web import require_person, run_service
from thidua.people import rules, selectors, services
from thidua.people.forms import PersonForm
from thidua.people.models import Person
from thidua.people.sections import person_sections_for

PAGE_SIZE = 50


@login_required
def unit_people(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_object_for_user_or_404(selectors.units_with_people_for_user(request.user), pk=pk)
    form = PersonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_person(request, rules.CREATE_PERSON.name, unit)
        outcome = run_service(
            request,
            lambda: services.create_person(
                user=request.user,
                organization=unit,
                code=form.cleaned_data["code"],
                full_name=form.cleaned_data["full_name"],
                category=form.cleaned_data["category"],
                valid_from=form.cleaned_data["valid_from"],
                position=form.cleaned_data["position"],
                birth_year=form.cleaned_data["birth_year"],
                gender=form.cleaned_data["gender"],
                history_from=form.cleaned_data["history_from"],
            ),
            form=form,
            success=lambda p: _("Đã thêm {name}.").format(name=p.full_name),
        )
        if outcome.ok:
            return redirect("people:unit", pk=unit.pk)
        status = 400
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.people_of_unit(unit, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"unit": unit, "page": page, "q": query, "form": form}
    if is_htmx(request) and request.method == "GET":
        return render(request, "people/unit.html#results", context)
    return render(request, "people/unit.html", context, status=status)


def _current(person: Person) -> object | None:
    employments = list(person.employments.all())
    open_ones = [e for e in employments if e.valid_to is None]
    chosen = open_ones[0] if open_ones else (employments[0] if employments else None)
    return chosen.organization if chosen else None


@login_required
def person_detail(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_object_for_user_or_404(selectors.person_detail(request.user), code=code)
    unit = _current(person)
    disciplines = None
    if request.user.has_perm(rules.VIEW_DISCIPLINE.name, unit):
        disciplines = list(person.disciplines.order_by("-effective_from"))
    context = {
        "person": person,
        "unit": unit,
        "employments": person.employments.all(),
        "ratings": sorted(person.year_records.all(), key=lambda r: -r.year),
        "initiatives": person.initiatives.all(),
        "disciplines": disciplines,
        "sections": person_sections_for(request, person),
    }
    return render(request, "people/person.html", context)
