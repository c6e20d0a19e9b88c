from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters import services
from thidua.clusters.forms import (
    AddMemberForm,
    ClusterFilterForm,
    HeadsForm,
    RemoveMemberForm,
    ThemeForm,
)
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import (
    available_years,
    cluster_year_detail,
    cluster_year_list,
    cluster_years_for_user,
)
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.organizations.models import Authority, Organization


@login_required
def cluster_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    years = available_years(user)
    authority_ids = cluster_years_for_user(user).values("cluster__authority_id")
    authorities = Authority.objects.filter(pk__in=authority_ids).order_by("sort_key")
    form = ClusterFilterForm(request.GET or None, years=years, authorities=authorities)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = cluster_year_list(
        user,
        year=filters.get("year"),
        authority_id=filters["authority"].pk if filters.get("authority") else None,
        kind=filters.get("kind") or "",
        query=filters.get("q") or "",
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_import": user.has_perm("clusters.import_units")}
    if getattr(request, "htmx", False):
        return render(request, "clusters/list.html#results", context)
    return render(request, "clusters/list.html", context)


def _cluster_year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return get_object_for_user_or_404(
        cluster_year_detail(request.user),
        cluster__code=code,
        year=year,
    )


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
    cluster_year = _cluster_year(request, code, year)
    user = request.user
    other_years = list(
        cluster_years_for_user(user)
        .filter(cluster=cluster_year.cluster)
        .order_by("year")
        .values_list("year", flat=True)
    )
    can_manage = user.has_perm("clusters.manage_clusteryear", cluster_year)
    can_change_heads = user.has_perm("clusters.change_heads", cluster_year)
    memberships = list(cluster_year.memberships.all())
    member_ids = [m.organization_id for m in memberships]
    context = {
        "cy": cluster_year,
        "memberships": memberships,
        "other_years": other_years,
        "can_manage": can_manage,
        "can_change_heads": can_change_heads,
        "heads_form": HeadsForm(
            cluster_year=cluster_year,
            initial={"head": cluster_year.head_id, "deputy": cluster_year.deputy_id},
        )
        if can_change_heads
        else None,
        "theme_form": ThemeForm(initial={"theme": cluster_year.theme}) if can_manage else None,
        "add_form": AddMemberForm(
            prefix="add",
            candidates=Organization.objects.filter(valid_to__isnull=True)
            .exclude(pk__in=member_ids)
            .order_by("sort_key"),
        )
        if can_change_heads
        else None,
        "remove_form": RemoveMemberForm(prefix="remove", cluster_year=cluster_year)
        if can_change_heads
        else None,
        "sections": cluster_year_sections(request, cluster_year),
    }
    return render(request, "clusters/year.html", context)


def cluster_year_sections(
    request: AuthedRequest, cluster_year: ClusterYear
) -> list[dict[str, str]]:
    """Links to the year's work areas contributed by other apps (pledge, registration, scoring…)."""
    from thidua.clusters.sections import sections_for

    return sections_for(request, cluster_year)


def _manage(request: AuthedRequest, code: str, year: int, perm: str) -> ClusterYear:
    cluster_year = _cluster_year(request, code, year)
    if not request.user.has_perm(perm, cluster_year):
        raise PermissionDenied
    return cluster_year


def _fail(request: AuthedRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def set_heads(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _manage(request, code, year, "clusters.change_heads")
    form = HeadsForm(request.POST, cluster_year=cluster_year)
    if form.is_valid():
        try:
            services.set_heads(
                cluster_year=cluster_year,
                head=form.cleaned_data["head"],
                deputy=form.cleaned_data["deputy"],
                decision_ref=form.cleaned_data["decision_ref"],
            )
            messages.success(request, _("Đã cập nhật đơn vị trưởng và phó."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Đơn vị được chọn không phải thành viên của cụm trong năm này."))
    return redirect("clusters:year", code=code, year=year)


@login_required
@require_POST
def set_theme(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _manage(request, code, year, "clusters.manage_clusteryear")
    form = ThemeForm(request.POST)
    if form.is_valid():
        services.update_theme(cluster_year=cluster_year, theme=form.cleaned_data["theme"])
        messages.success(request, _("Đã lưu chủ đề năm."))
    return redirect("clusters:year", code=code, year=year)


@login_required
@require_POST
def add_member(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _manage(request, code, year, "clusters.change_heads")
    form = AddMemberForm(request.POST, prefix="add", candidates=Organization.objects.all())
    if form.is_valid():
        try:
            services.add_member(
                cluster_year=cluster_year, organization=form.cleaned_data["organization"]
            )
            messages.success(request, _("Đã thêm thành viên."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Hãy chọn một đơn vị."))
    return redirect("clusters:year", code=code, year=year)


@login_required
@require_POST
def remove_member(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _manage(request, code, year, "clusters.change_heads")
    form = RemoveMemberForm(request.POST, prefix="remove", cluster_year=cluster_year)
    if form.is_valid():
        try:
            services.remove_member(
                cluster_year=cluster_year,
                organization=form.cleaned_data["organization"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Đã đưa đơn vị ra khỏi cụm."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Hãy chọn đơn vị và ghi lý do."))
    return redirect("clusters:year", code=code, year=year)
