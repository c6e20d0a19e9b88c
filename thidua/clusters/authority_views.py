"""The authority pages (/authorities/): the list, an authority's page (parent, predecessors and
successors, its clusters), and for system administrators the forms that create and edit
authorities and record a successor. Writes go through ``organizations.authority_services``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.authority_forms import AuthorityForm, AuthoritySuccessionForm
from thidua.clusters.authority_selectors import (
    authorities_for_user,
    authority_list,
    clusters_of_authority,
)
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx
from thidua.core.web import require_person, run_service
from thidua.organizations import authority_services as services
from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority
from thidua.organizations.rules import MANAGE_AUTHORITY, RECORD_AUTHORITY_SUCCESSION
from thidua.organizations.selectors import predecessors_of, successors_of


@login_required
def authority_list_page(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    rows = authority_list(request.user, level=level, query=query)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "level": level, "levels": AuthorityLevel.choices}
    if is_htmx(request):
        return render(request, "clusters/authorities/list.html#results", context)
    return render(request, "clusters/authorities/list.html", context)


def _authority(request: AuthedRequest, pk: int) -> Authority:
    return get_object_for_user_or_404(
        authorities_for_user(request.user).select_related("parent"), pk=pk
    )


def _detail(
    request: AuthedRequest, authority: Authority, form: AuthoritySuccessionForm | None = None
) -> HttpResponse:
    user = request.user
    if form is None and user.has_perm(RECORD_AUTHORITY_SUCCESSION.name, authority):
        form = AuthoritySuccessionForm(predecessor=authority)
    context = {
        "authority": authority,
        "predecessors": predecessors_of(authority),
        "successors": successors_of(authority),
        "children": authorities_for_user(user).filter(parent=authority).order_by("sort_key"),
        "clusters": clusters_of_authority(user, authority),
        "succession_form": form,
    }
    return render(
        request,
        "clusters/authorities/detail.html",
        context,
        status=400 if form and form.errors else 200,
    )


@login_required
def authority_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _authority(request, pk))


@login_required
def authority_create(request: AuthedRequest) -> HttpResponse:
    require_person(request, MANAGE_AUTHORITY.name)
    form = AuthorityForm(request.POST or None)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.create_authority(user=request.user, **form.service_kwargs()),
            form=form,
            success=lambda a: _("Đã tạo {name}.").format(name=a.name),
        )
        if outcome.ok and outcome.value is not None:
            return redirect("authorities:detail", pk=outcome.value.pk)
    return render(request, "clusters/authorities/form.html", {"form": form, "authority": None})


@login_required
def authority_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    require_person(request, MANAGE_AUTHORITY.name, authority)
    initial = {
        "name": authority.name,
        "short_name": authority.short_name,
        "level": authority.level,
        "province": authority.province,
        "parent": authority.parent_id,
        "valid_from": authority.valid_from,
        "valid_to": authority.valid_to,
    }
    form = AuthorityForm(request.POST or None, initial=initial, authority=authority)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.update_authority(
                authority=authority, user=request.user, **form.service_kwargs()
            ),
            form=form,
            success=_("Đã lưu thay đổi."),
        )
        if outcome.ok:
            return redirect("authorities:detail", pk=authority.pk)
    context = {"form": form, "authority": authority}
    return render(request, "clusters/authorities/form.html", context)


@login_required
@require_POST
def authority_succession(request: AuthedRequest, pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    require_person(request, RECORD_AUTHORITY_SUCCESSION.name, authority)
    form = AuthoritySuccessionForm(request.POST, predecessor=authority)
    outcome = run_service(
        request,
        lambda: services.record_authority_succession(
            predecessor=authority, user=request.user, **form.cleaned_data
        ),
        form=form,
        success=lambda link: _("Đã ghi nhận: {successor} kế thừa {predecessor}.").format(
            successor=link.successor, predecessor=link.predecessor
        ),
    )
    if outcome.ok:
        return redirect("authorities:detail", pk=authority.pk)
    authority.refresh_from_db()
    return _detail(request, authority, form)
