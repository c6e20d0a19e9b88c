"""The instruments (/legal/instruments/): the list with their dates and the versions citing
them; adding a local instrument; recording an instrument's end (which closes the local
versions citing it). Writes go through ``legal.instrument_services``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.core.http import AuthedRequest, is_htmx
from thidua.core.web import require, require_person, run_service
from thidua.legal import instrument_services as services
from thidua.legal.enums import RuleSetStatus
from thidua.legal.forms import EndInstrumentForm, InstrumentFilterForm, InstrumentForm
from thidua.legal.models import LegalInstrument, RuleSet
from thidua.legal.pages import (
    instrument_authorities,
    instrument_list,
    instrument_or_404,
    visible_to,
)
from thidua.legal.rules import MANAGE_INSTRUMENTS, VIEW_RULE_SETS

PAGE_SIZE = 50


@login_required
def instruments(request: AuthedRequest) -> HttpResponse:
    """Every instrument the person sees, filtered by scope and authority, 50 a page."""
    require(request, VIEW_RULE_SETS.name)
    filters = InstrumentFilterForm(request.GET, authorities=instrument_authorities(request.user))
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = instrument_list(
        request.user, scope=chosen.get("scope", ""), authority=chosen.get("authority")
    )
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
    }
    if is_htmx(request):
        return render(request, "legal/instruments.html#results", context)
    return render(request, "legal/instruments.html", context)


@login_required
def new_instrument(request: AuthedRequest) -> HttpResponse:
    require_person(request, MANAGE_INSTRUMENTS.name)
    form = InstrumentForm(request.POST or None, user=request.user)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.create_instrument(user=request.user, **form.cleaned_data),
            form=form,
            success=lambda i: _("Đã thêm văn bản {name}.").format(name=i.short_name),
        )
        if outcome.ok:
            return redirect("legal:instruments")
    status = 400 if form.errors else 200
    return render(request, "legal/instrument_form.html", {"form": form}, status=status)


def _closed_message(sets: list[RuleSet]) -> str:
    if not sets:
        return _("Đã ghi ngày hết hiệu lực của văn bản.")
    return ngettext(
        "Đã ghi ngày hết hiệu lực của văn bản; bộ quy định hết hiệu lực theo: {codes}.",
        "Đã ghi ngày hết hiệu lực của văn bản; {n} bộ quy định hết hiệu lực theo: {codes}.",
        len(sets),
    ).format(n=len(sets), codes=", ".join(s.code for s in sets))


@login_required
def end_instrument(request: AuthedRequest, code: str) -> HttpResponse:
    """The form, with the published local versions citing the instrument (those open past the
    chosen day close on it)."""
    instrument = instrument_or_404(request.user, code)
    require_person(request, MANAGE_INSTRUMENTS.name, instrument)
    choices = LegalInstrument.objects.filter(visible_to(request.user)).exclude(pk=instrument.pk)
    initial = {"effective_to": instrument.effective_to, "replaced_by": instrument.replaced_by_id}
    form = EndInstrumentForm(request.POST or None, initial=initial, choices=choices)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.end_instrument(
                user=request.user, instrument=instrument, **form.cleaned_data
            ),
            form=form,
            success=_closed_message,
        )
        if outcome.ok:
            return redirect("legal:instruments")
    citing = (
        RuleSet.objects.filter(
            instruments=instrument, status=RuleSetStatus.PUBLISHED, authority__isnull=False
        )
        .select_related("authority")
        .order_by("effective_from")
    )
    context = {"instrument": instrument, "form": form, "citing": citing}
    return render(request, "legal/instrument_end.html", context, status=400 if form.errors else 200)
