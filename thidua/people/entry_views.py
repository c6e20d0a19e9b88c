"""The entry pages of a person's facts (/people/<code>/…/): one form page per service. The person
is loaded through the scope (404 outside it), the page asks the action's permission on the
person's current unit (403 for those who may never), the service asks again on the unit it
writes to; its refusals show on the form (400) and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from thidua.clusters.selectors import organizations_for_user
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.core.web import require_person, run_service
from thidua.organizations.models import Organization
from thidua.people import rules, selectors, services
from thidua.people.forms import (
    DisciplineForm,
    InitiativeForm,
    RatingChangeForm,
    RatingForm,
    TransferForm,
)
from thidua.people.models import Employment, Person, YearRecord
from thidua.people.validators import day


def _person(request: AuthedRequest, code: str, perm: str) -> tuple[Person, Organization | None]:
    person = get_object_for_user_or_404(selectors.people_for_user(request.user), code=code)
    unit = selectors.current_unit(person)
    require_person(request, perm, unit)
    return person, unit


def _data(request: AuthedRequest) -> Any:
    """The posted data, even empty (an empty POST is bound and shows what is missing)."""
    return request.POST if request.method == "POST" else None


def _form_page(
    request: AuthedRequest,
    person: Person,
    form: forms.Form,
    *,
    title: str | Promise,
    service: Callable[[], Any],
    success: Callable[[Any], str],
    intro: str = "",
) -> HttpResponse:
    if request.method == "POST":
        outcome = run_service(request, service, form=form, success=success)
        if outcome.ok:
            return redirect("people:detail", code=person.code)
    context = {"person": person, "form": form, "title": title, "intro": intro}
    return render(request, "people/form.html", context, status=400 if form.errors else 200)


@login_required
def record_rating(request: AuthedRequest, code: str) -> HttpResponse:
    """ "Ghi xếp loại năm"."""
    person, _unit = _person(request, code, rules.RECORD_RATING.name)
    form = RatingForm(_data(request))
    return _form_page(
        request,
        person,
        form,
        title=_("Ghi xếp loại năm"),
        service=lambda: services.record_rating(
            user=request.user,
            person=person,
            year=form.cleaned_data["year"],
            rating=form.cleaned_data["rating"],
            months_worked=form.cleaned_data["months_worked"],
        ),
        success=lambda r: _("Đã ghi nhận xếp loại năm {year}.").format(year=r.year),
    )


@login_required
def change_rating(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """ "Sửa xếp loại": the rating of a year already recorded (its unit decides who may)."""
    person = get_object_for_user_or_404(selectors.people_for_user(request.user), code=code)
    record = YearRecord.objects.select_related("organization").filter(person=person, year=year)
    found = record.first()
    if found is None:
        raise Http404
    require_person(request, rules.RECORD_RATING.name, found.organization)
    initial = {"rating": found.rating, "months_worked": found.months_worked}
    form = RatingChangeForm(_data(request), initial=initial)
    return _form_page(
        request,
        person,
        form,
        title=_("Sửa xếp loại năm {year}").format(year=year),
        service=lambda: services.change_rating(
            user=request.user,
            record=found,
            rating=form.cleaned_data["rating"],
            months_worked=form.cleaned_data["months_worked"],
        ),
        success=lambda r: _("Đã sửa xếp loại năm {year}.").format(year=r.year),
        intro=_("Đơn vị ngày 31/12: {unit}.").format(unit=found.organization.name),
    )


def _open_period_text(person: Person) -> str:
    current = (
        Employment.objects.filter(person=person, valid_to__isnull=True)
        .select_related("organization")
        .first()
    )
    if current is None:
        return _("{name} không có quá trình công tác đang mở.").format(name=person.full_name)
    return _("Đang công tác tại {unit} từ {date}.").format(
        unit=current.organization.name, date=day(current.valid_from)
    )


@login_required
def transfer(request: AuthedRequest, code: str) -> HttpResponse:
    """ "Chuyển đơn vị / kết thúc công tác": end_employment then record_employment, at once."""
    person, _unit = _person(request, code, rules.END_EMPLOYMENT.name)
    units = organizations_for_user(request.user).filter(valid_to__isnull=True)
    form = TransferForm(_data(request), units=units.select_related("authority"))
    return _form_page(
        request,
        person,
        form,
        title=_("Chuyển đơn vị / kết thúc công tác"),
        service=lambda: services.transfer_person(
            user=request.user,
            person=person,
            ended_on=form.cleaned_data["ended_on"],
            organization=form.cleaned_data["organization"],
            started_on=form.cleaned_data["started_on"],
            category=form.cleaned_data["category"],
            position=form.cleaned_data["position"],
        ),
        success=lambda e: (
            _("Đã ghi nhận {name} công tác tại {unit}.").format(
                name=person.full_name, unit=e.organization.name
            )
            if e is not None
            else _("Đã kết thúc quá trình công tác của {name}.").format(name=person.full_name)
        ),
        intro=_open_period_text(person),
    )


@login_required
def record_discipline(request: AuthedRequest, code: str) -> HttpResponse:
    """ "Ghi kỷ luật": only for ``people.record_discipline``."""
    person, _unit = _person(request, code, rules.RECORD_DISCIPLINE.name)
    form = DisciplineForm(_data(request))
    return _form_page(
        request,
        person,
        form,
        title=_("Ghi kỷ luật"),
        service=lambda: services.record_discipline(
            user=request.user, person=person, **form.cleaned_data
        ),
        success=lambda d: _("Đã ghi nhận {kind} của {name}.").format(
            kind=d.get_kind_display().lower(), name=person.full_name
        ),
    )


@login_required
def record_initiative(request: AuthedRequest, code: str) -> HttpResponse:
    """ "Ghi sáng kiến": this person first, the co-authors after, in the order typed."""
    person, _unit = _person(request, code, rules.RECORD_INITIATIVE.name)
    form = InitiativeForm(_data(request), people=selectors.people_for_user(request.user))

    def save() -> Any:
        data = dict(form.cleaned_data)
        authors = [person, *data.pop("co_authors")]
        return services.record_initiative(user=request.user, authors=authors, **data)

    return _form_page(
        request,
        person,
        form,
        title=_("Ghi sáng kiến"),
        service=save,
        success=lambda i: _("Đã ghi nhận sáng kiến {code}.").format(code=i.code),
    )
