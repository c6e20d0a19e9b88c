from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters import services
from thidua.clusters.forms import (
    AddMemberForm,
    ClusterFilterForm,
    HeadsForm,
    NewClusterForm,
    RemoveMemberForm,
    ThemeForm,
)
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.clusters.next_year_forms import PastHeadsForm
from thidua.clusters.sections import sections_for
from thidua.clusters.selectors import (
    available_years,
    cluster_year_detail,
    cluster_year_list,
    cluster_year_or_404,
    cluster_years_for_user,
    cluster_years_in_order,
    organizations_for_user,
)
from thidua.core.http import AuthedRequest, is_htmx
from thidua.core.web import refusal, require, require_person, run_service
from thidua.organizations.models import Authority, Organization
from thidua.organizations.selectors import lineage_ids_subquery


@login_required
def cluster_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    years = available_years(user)
    authority_ids = cluster_years_for_user(user).values("cluster__authority_id")
    authorities = (
        Authority.objects.filter(pk__in=authority_ids)
        .order_by("sort_key")
        .only("name", "short_name")
    )
    form = ClusterFilterForm(request.GET or None, years=years, authorities=authorities)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = cluster_year_list(
        user,
        year=filters.get("year"),
        authority_id=filters["authority"].pk if filters.get("authority") else None,
        kind=filters.get("kind") or "",
        query=filters.get("q") or "",
    )
    # the page is cut on the ids (narrow rows, the newest-first index), then its rows are read
    page = Paginator(rows.values_list("pk", flat=True), 50).get_page(request.GET.get("page"))
    page.object_list = cluster_years_in_order(list(page.object_list))  # type: ignore[assignment]
    context = {"form": form, "page": page}
    if is_htmx(request):
        return render(request, "clusters/list.html#results", context)
    return render(request, "clusters/list.html", context)


@login_required
def cluster_create(request: AuthedRequest) -> HttpResponse:
    """ "Tạo cụm, khối": the cluster and its first year, then its year page to add members."""
    user = request.user
    require_person(request, "clusters.create_cluster")
    authorities = Authority.objects.order_by("sort_key")
    if not user.is_system_admin:
        authorities = authorities.filter(pk__in=lineage_ids_subquery(user.authority_id or 0))
    initial = {"authority": user.authority_id, "year": timezone.localdate().year}
    form = NewClusterForm(request.POST or None, authorities=authorities, initial=initial)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.create_cluster_with_year(user=user, **form.cleaned_data),
            form=form,
            success=lambda cy: _("Đã tạo {name}. Hãy thêm các đơn vị thành viên.").format(
                name=cy.cluster.name
            ),
        )
        if outcome.ok and outcome.value is not None:
            cy = outcome.value
            return redirect("clusters:year", code=cy.cluster.code, year=cy.year)
    status = 400 if form.errors else 200
    return render(request, "clusters/new.html", {"form": form}, status=status)


def _cluster_year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return cluster_year_or_404(request.user, code, year, cluster_year_detail(request.user))


@login_required
def cluster_latest(request: AuthedRequest, code: str) -> HttpResponse:
    latest = (
        cluster_years_for_user(request.user).filter(cluster__code=code).order_by("-year").first()
    )
    if latest is None:
        raise Http404
    return redirect("clusters:year", code=code, year=latest.year)


@login_required
def cluster_year_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """The year's members, head and deputy, theme and work areas; the forms of what the user may do."""
    cluster_year = _cluster_year(request, code, year)
    user = request.user
    other_years = list(
        cluster_years_for_user(user)
        .filter(cluster=cluster_year.cluster)
        .order_by("year")
        .values_list("year", flat=True)
    )
    memberships: list[ClusterMembership] = list(cluster_year.memberships.all())
    # What ``cluster_year_units`` gives (members active in the year, in Vietnamese order), taken
    # from the members the page loaded: the unit selects of the forms need no query of their own.
    units = [
        m.organization for m in memberships if m.organization.is_active_in_year(cluster_year.year)
    ]
    context = {
        "cy": cluster_year,
        "memberships": memberships,
        "other_years": other_years,
        "sections": sections_for(request, cluster_year),
        **_management_forms(request, cluster_year, units),
    }
    return render(request, "clusters/year.html", context)


def _management_forms(
    request: AuthedRequest, cluster_year: ClusterYear, units: list[Organization]
) -> dict[str, object]:
    """The forms of the actions the user may take (built only then: they cost queries). Their
    unit selects offer ``units``, the cluster year's (``cluster_year_units``)."""
    user = request.user
    forms: dict[str, object] = {}
    if user.has_perm("clusters.manage_clusteryear", cluster_year):
        forms["theme_form"] = ThemeForm(initial={"theme": cluster_year.theme})
    if user.has_perm("clusters.change_heads", cluster_year):
        forms["heads_form"] = HeadsForm(
            cluster_year=cluster_year,
            units=units,
            initial={
                "head": cluster_year.head_id,
                "deputy": cluster_year.deputy_id,
                "decision_ref": cluster_year.head_decision_ref,
                "decision_date": cluster_year.head_decision_date,
            },
        )
    if user.has_perm("clusters.record_past_heads", cluster_year):
        forms["past_heads_form"] = PastHeadsForm(
            prefix="past",
            cluster_year=cluster_year,
            units=units,
            initial={
                "status": cluster_year.effective_heads_status,
                "head": cluster_year.head_id,
                "deputy": cluster_year.deputy_id,
                "decision_ref": cluster_year.head_decision_ref,
                "decision_date": cluster_year.head_decision_date,
            },
        )
    # Asked once here (one query: is next year open?) for the button or the reason without it.
    forms["can_open_next_year"] = user.has_perm("clusters.open_next_year", cluster_year)
    if not forms["can_open_next_year"]:
        forms["next_year_refusal"] = refusal(user, "clusters.open_next_year", cluster_year)
    if user.has_perm("clusters.change_members", cluster_year):
        # a text box and a search: the candidates are not listed, so the page does not grow
        forms["add_form"] = AddMemberForm(
            prefix="add", candidates=organizations_for_user(user), cluster_year=cluster_year
        )
        forms["remove_form"] = RemoveMemberForm(
            prefix="remove", cluster_year=cluster_year, units=units
        )
    return forms


def _allowed(request: AuthedRequest, code: str, year: int, perm: str) -> ClusterYear:
    """The cluster year (404 outside the scope) if the user may do ``perm`` to it (else 403)."""
    cluster_year = _cluster_year(request, code, year)
    require(request, perm, cluster_year)
    return cluster_year


@login_required
@require_POST
def set_heads(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _allowed(request, code, year, "clusters.change_heads")
    form = HeadsForm(request.POST, cluster_year=cluster_year)
    run_service(
        request,
        lambda: services.set_heads(
            cluster_year=cluster_year,
            head=form.cleaned_data["head"],
            deputy=form.cleaned_data["deputy"],
            decision_ref=form.cleaned_data["decision_ref"],
            decision_date=form.cleaned_data["decision_date"],
            user=request.user,
        ),
        form=form,
        flash=True,
        success=_("Đã cập nhật đơn vị trưởng và phó."),
    )
    return redirect("clusters:year", code=code, year=year)


@login_required
@require_POST
def set_theme(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _allowed(request, code, year, "clusters.manage_clusteryear")
    form = ThemeForm(request.POST)
    run_service(
        request,
        lambda: services.update_theme(
            cluster_year=cluster_year, theme=form.cleaned_data["theme"], user=request.user
        ),
        form=form,
        flash=True,
        success=_("Đã lưu chủ đề năm."),
    )
    return redirect("clusters:year", code=code, year=year)


@login_required
@require_POST
def add_member(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _allowed(request, code, year, "clusters.change_members")
    form = AddMemberForm(
        request.POST,
        prefix="add",
        candidates=organizations_for_user(request.user),
        cluster_year=cluster_year,
    )
    run_service(
        request,
        lambda: services.add_member(
            cluster_year=cluster_year,
            organization=form.cleaned_data["organization"],
            user=request.user,
        ),
        form=form,
        flash=True,
        success=_("Đã thêm thành viên."),
    )
    return redirect("clusters:year", code=code, year=year)


@login_required
@require_POST
def remove_member(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _allowed(request, code, year, "clusters.change_members")
    form = RemoveMemberForm(request.POST, prefix="remove", cluster_year=cluster_year)
    run_service(
        request,
        lambda: services.remove_member(
            cluster_year=cluster_year,
            organization=form.cleaned_data["organization"],
            reason=form.cleaned_data["reason"],
            user=request.user,
        ),
        form=form,
        flash=True,
        success=_("Đã đưa đơn vị ra khỏi {noun}.").format(noun=cluster_year.noun),
    )
    return redirect("clusters:year", code=code, year=year)
