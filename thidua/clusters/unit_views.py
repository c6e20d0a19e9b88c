"""The unit pages (/organizations/): what a person sees of units is decided by cluster memberships
(``organizations_for_user``), so the pages live with the clusters; the unit registry itself
(models, services, validators) is the ``organizations`` app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from thidua.clusters.selectors import organizations_for_user
from thidua.clusters.unit_sections import lineage_for, unit_sections_for
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.selectors import search_organizations, succession_chain


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
    page = Paginator(qs.select_related("parent", "authority").order_by("sort_key"), 50).get_page(
        request.GET.get("page")
    )
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


@login_required
def organization_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    org = get_object_for_user_or_404(
        organizations_for_user(request.user).select_related("parent", "authority"),
        pk=pk,
    )
    earlier, later = succession_chain(org)
    lineage = lineage_for(request.user, org)
    context = {
        "org": org,
        "lineage": lineage,
        "sections": unit_sections_for(request, lineage),
        "leaders": org.leaders.order_by("-valid_from"),
        "earlier": earlier,
        "later": later,
    }
    return render(request, "clusters/units/detail.html", context)
