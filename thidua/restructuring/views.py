"""The restructuring pages (/restructuring/): the list of past restructurings, the wizard
(kind → units → decision → new units → preview → confirm), the unit search and the import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.clusters.imports.reader import WEB_MAX_ROWS
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.core.numbers import is_digits
from thidua.core.web import add_service_errors, require
from thidua.restructuring import services
from thidua.restructuring.enums import MembershipAction, RestructuringKind
from thidua.restructuring.forms import RestructuringForm, RestructuringImportForm, split_codes
from thidua.restructuring.imports import import_restructurings, summary
from thidua.restructuring.imports.columns import COLUMNS
from thidua.restructuring.imports.template import XLSX_TYPE, build_xlsx
from thidua.restructuring.inputs import build_spec
from thidua.restructuring.plan import Plan, Spec
from thidua.restructuring.selectors import restructurings_for_user, search_units, unit_label

PERM = services.PERMISSION
DECISION_FIELDS = ["decision_number", "decision_date", "issuing_body", "effective_date", "note"]
SUCCESSOR_FIELDS = ["successors", "new_units", "target_authority"]


@login_required
def restructuring_list(request: AuthedRequest) -> HttpResponse:
    require(request, PERM)
    items = restructurings_for_user(request.user).prefetch_related("units")
    context = {"items": items, "kinds": RestructuringKind.choices}
    return render(request, "restructuring/list.html", context)


@login_required
def restructuring_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    require(request, PERM)
    item = get_object_for_user_or_404(restructurings_for_user(request.user), pk=pk)
    context = {"item": item, "plan": item.plan, "actions": dict(MembershipAction.choices)}
    return render(request, "restructuring/detail.html", context)


@login_required
def unit_search(request: AuthedRequest) -> HttpResponse:
    """htmx: the units matching the query, each told apart by code and authority."""
    require(request, PERM)
    query = request.GET.get("q", "").strip()
    units = [(u.code, unit_label(u)) for u in search_units(request.user, query)] if query else []
    return render(request, "restructuring/unit_search.html", {"units": units, "q": query})


@login_required
def wizard(request: AuthedRequest, kind: str = "") -> HttpResponse:
    require(request, PERM)
    if not kind:
        return render(
            request, "restructuring/choose_kind.html", {"kinds": RestructuringKind.choices}
        )
    if kind not in RestructuringKind.values:
        raise Http404
    initial = {"units": request.GET.get("unit", "")}
    form = RestructuringForm(request.POST or None, kind=kind, initial=initial)
    plan, spec = None, None
    if request.method == "POST" and form.is_valid():
        spec = _spec(request, form, kind)
        if spec is not None:
            if request.POST.get("confirm") and (done := _commit(request, form, spec)):
                return done
            plan = _preview(request, form, spec)
    context = {
        "form": form,
        "kind": kind,
        "kind_label": RestructuringKind(kind).label,
        "plan": plan,
        "successor_codes": [s.code for s in spec.successors] if spec else [],
        "assignments": spec.assignments if spec else {},
        "actions": dict(MembershipAction.choices),
        "choose_successor": kind == RestructuringKind.SPLIT,
        "decision_fields": [form[name] for name in DECISION_FIELDS],
        "successor_fields": [form[name] for name in SUCCESSOR_FIELDS if name in form.fields],
    }
    return render(request, "restructuring/wizard.html", context)


def _spec(request: AuthedRequest, form: RestructuringForm, kind: str) -> Spec | None:
    data = form.cleaned_data
    authority = data.get("target_authority")
    assignments = {
        int(key.removeprefix("assign-")): str(value)
        for key, value in request.POST.items()
        if key.startswith("assign-") and is_digits(key.removeprefix("assign-"))
    }
    try:
        return build_spec(
            kind=kind,
            decision=form.decision(),
            unit_codes=split_codes(data["units"]),
            successor_codes=split_codes(data.get("successors", "")),
            new_units=data.get("new_units", []),
            target_authority=authority.code if authority else "",
            assignments=assignments,
            user=request.user,
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _preview(request: AuthedRequest, form: RestructuringForm, spec: Spec) -> Plan | None:
    try:
        return services.preview(spec, user=request.user)
    except ValidationError as exc:
        add_service_errors(form, exc)
    return None


def _commit(request: AuthedRequest, form: RestructuringForm, spec: Spec) -> HttpResponse | None:
    try:
        done = services.restructure(spec, user=request.user)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(
        request,
        _("Đã thực hiện {kind} theo {decision}.").format(
            kind=done.get_kind_display().lower(), decision=spec.decision.reference
        ),
    )
    return redirect("restructuring:detail", pk=done.pk)


@login_required
def import_page(request: AuthedRequest) -> HttpResponse:
    require(request, PERM)
    form = RestructuringImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_restructurings(
            data=form.cleaned_data["data"],
            filename=form.cleaned_data["file"].name or "",
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
            max_rows=WEB_MAX_ROWS,
        )
    context = {
        "form": form,
        "result": result,
        "summary": summary(result) if result is not None and result.ok else "",
        "columns": COLUMNS,
    }
    return render(request, "restructuring/import.html", context)


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    require(request, PERM)
    response = HttpResponse(build_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-sap-xep-don-vi.xlsx"'
    return response
