"""The unit pages (/organizations/): what a person sees of units is decided by cluster memberships
(``organizations_for_user``), so the pages live with the clusters; the unit registry itself
(models, services, validators) is the ``organizations`` app."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.clusters import unit_services
from thidua.clusters.models import ClusterYear
from thidua.clusters.rules import CHANGE_UNIT, CREATE_UNIT
from thidua.clusters.selectors import (
    cluster_year_or_404,
    member_candidates,
    organizations_for_user,
    units_active_in_year,
)
from thidua.clusters.unit_forms import UnitForm
from thidua.clusters.unit_sections import lineage_for, unit_sections_for
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx
from thidua.core.numbers import is_digits
from thidua.core.urlfill import url_filler
from thidua.core.web import require_person, run_service
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Authority, Organization
from thidua.organizations.selectors import (
    lineage_ids_subquery,
    search_organizations,
    succession_chain,
)
from thidua.organizations.validators import CODE_RE


@login_required
def organization_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    qs = search_organizations(organizations_for_user(request.user), query)
    if kind in OrganizationKind.values:
        qs = qs.filter(kind=kind)
    if status == "active":
        qs = qs.filter(valid_to__isnull=True)
    elif status == "dissolved":
        qs = qs.filter(valid_to__isnull=False)
    rows = qs.select_related("parent", "authority").only(*UNIT_ROW_FIELDS).order_by("sort_key")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    page.object_list = _with_row_values(page.object_list)
    context = {
        "page": page,
        "q": query,
        "kind": kind,
        "status": status,
        "kinds": OrganizationKind.choices,
    }
    if is_htmx(request):
        return render(request, "clusters/units/list.html#results", context)
    return render(request, "clusters/units/list.html", context)


# the columns the unit list prints (name, code, place, kind, parent, dissolution)
UNIT_ROW_FIELDS = (
    "name",
    "code",
    "kind",
    "province",
    "valid_to",
    "authority__name",
    "authority__short_name",
    "parent__name",
)


def _with_row_values(orgs: Iterable[Organization]) -> list[Organization]:
    """The page's units, each with its ``url`` and ``kind_label``: one reverse() and one
    translation of each kind per page, not per row."""
    url = url_filler("organizations:detail", "pk")
    kinds = {value: str(label) for value, label in OrganizationKind.choices}
    rows = list(orgs)
    for org in rows:
        org.url = url(pk=org.pk)  # type: ignore[attr-defined]
        org.kind_label = kinds.get(org.kind, org.kind)  # type: ignore[attr-defined]
    return rows


SEARCH_LIMIT = 20
_FIELD_ID = re.compile(r"^[A-Za-z][\w-]{0,80}$")


def _search_scope(request: AuthedRequest) -> tuple[QuerySet[Organization], ClusterYear | None]:
    """Where the search looks, always within the person's scope: with ``cluster`` and ``year``,
    the units that cluster year may take (``member_candidates``; a cluster year the person does
    not see is a 404); else the units active in ``year`` when given, or now."""
    user = request.user
    scope = organizations_for_user(user)
    year = request.GET.get("year", "")
    year = year if is_digits(year) and len(year) == 4 else ""
    cluster = request.GET.get("cluster", "")
    if cluster:
        if not (year and CODE_RE.match(cluster)):
            raise Http404
        cluster_year = cluster_year_or_404(user, cluster, int(year))
        return member_candidates(cluster_year, scope), cluster_year
    if year:
        return units_active_in_year(int(year), scope), None
    return scope.filter(valid_to__isnull=True), None


@login_required
def organization_search(request: AuthedRequest) -> HttpResponse:
    """htmx, for the unit picker of any form (``core.forms.UnitCodeField``): at most 20 units
    of ``_search_scope`` matching ``q``, each with a “Chọn” button that puts its code in the
    field ``field`` (``data-set-code``). The form's own queryset still decides what is valid."""
    query = request.GET.get("q", "").strip()
    field = request.GET.get("field", "")
    scope, cluster_year = _search_scope(request)
    units: list[Organization] = []
    if query:
        units = list(
            search_organizations(scope, query)
            .select_related("authority")
            .order_by("sort_key")[:SEARCH_LIMIT]
        )
    context = {
        "units": units,
        "q": query,
        "field": field if _FIELD_ID.match(field) else "",
        "more": len(units) == SEARCH_LIMIT,
        "cluster_year": cluster_year,
    }
    return render(request, "clusters/units/_search_results.html", context)


@login_required
def organization_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    org = get_object_for_user_or_404(
        organizations_for_user(request.user).select_related("parent", "authority"),
        pk=pk,
    )
    earlier, later = succession_chain(org)
    lineage = lineage_for(request.user, org, earlier)
    context = {
        "org": org,
        "lineage": lineage,
        "sections": unit_sections_for(request, lineage),
        "leaders": org.leaders.order_by("-valid_from"),
        "earlier": earlier,
        "later": later,
    }
    return render(request, "clusters/units/detail.html", context)


def _unit_form(
    request: AuthedRequest, unit: Organization | None = None, **kwargs: object
) -> UnitForm:
    """The form with the choices of this person: the authorities they may add units to (all for
    the system administrator, who may also leave a unit without one) and the units they see."""
    user = request.user
    authorities: QuerySet[Authority] = Authority.objects.order_by("sort_key")
    if not user.is_system_admin:
        authorities = authorities.filter(pk__in=lineage_ids_subquery(user.authority_id or 0))
    parents = organizations_for_user(user).select_related("authority").order_by("sort_key")
    return UnitForm(
        request.POST or None,
        parents=parents,
        authorities=authorities,
        unit=unit,
        authority_required=not user.is_system_admin,
        **kwargs,
    )


@login_required
def organization_create(request: AuthedRequest) -> HttpResponse:
    """ "Thêm đơn vị": one unit at a time (many at once: the import, /clusters/import/)."""
    require_person(request, CREATE_UNIT.name)
    initial = {"authority": request.user.authority_id} if request.user.authority_id else {}
    form = _unit_form(request, initial=initial)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: unit_services.create_unit(user=request.user, **form.service_kwargs()),
            form=form,
            success=lambda unit: _("Đã thêm {name}.").format(name=unit.name),
        )
        if outcome.ok and outcome.value is not None:
            return redirect("organizations:detail", pk=outcome.value.pk)
    status = 400 if form.errors else 200
    return render(request, "clusters/units/form.html", {"form": form, "org": None}, status=status)


@login_required
def organization_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """ "Sửa đơn vị": corrections; renames and merges are the restructuring wizard's."""
    unit = get_object_for_user_or_404(
        organizations_for_user(request.user).select_related("parent", "authority"), pk=pk
    )
    require_person(request, CHANGE_UNIT.name, unit)
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent,
        "authority": unit.authority_id,
        "province": unit.province,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "note": unit.note,
    }
    form = _unit_form(request, unit, initial=initial)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: unit_services.update_unit(
                organization=unit, user=request.user, **form.service_kwargs()
            ),
            form=form,
            success=_("Đã lưu thay đổi."),
        )
        if outcome.ok:
            return redirect("organizations:detail", pk=unit.pk)
        unit.refresh_from_db()
    status = 400 if form.errors else 200
    return render(request, "clusters/units/form.html", {"form": form, "org": unit}, status=status)
