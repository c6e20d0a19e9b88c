"""Movements (phong trào thi đua): the authority-level list, a movement's page, launching."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import available_years, cluster_years_run_by
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx, serve_stored_file
from thidua.core.web import require, run_service
from thidua.organizations.models import Authority
from thidua.planning import services
from thidua.planning.forms import MovementFilterForm, MovementForm
from thidua.planning.models import Movement
from thidua.planning.rules import CHANGE_MOVEMENT, LAUNCH_MOVEMENT
from thidua.planning.selectors import movement_detail, movement_list, movements_for_user


@login_required
def movements(request: AuthedRequest) -> HttpResponse:
    user = request.user
    years = set(available_years(user)) | set(
        movements_for_user(user).values_list("starts_on__year", flat=True).distinct()
    )
    form = MovementFilterForm(request.GET or None, years=sorted(years, reverse=True))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = movement_list(
        user,
        year=filters.get("year"),
        kind=filters.get("kind") or "",
        query=filters.get("q") or "",
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    if is_htmx(request):
        return render(request, "planning/movements.html#results", context)
    return render(request, "planning/movements.html", context)


@login_required
def movement(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_for_user_or_404(movement_detail(request.user), pk=pk)
    return render(request, "planning/movement.html", {"movement": item})


def _launch_authorities(request: AuthedRequest) -> QuerySet[Authority]:
    user = request.user
    if user.is_system_admin:
        return Authority.objects.order_by("sort_key")
    return Authority.objects.filter(pk=user.authority_id or 0)


def _cluster_year_choices(authorities: QuerySet[Authority]) -> QuerySet[ClusterYear]:
    """The years the authorities run: with one authority (a board officer's, or a movement's),
    its own and its predecessors' open years; the administrator chooses among all."""
    ids = list(authorities.values_list("pk", flat=True)[:2])
    years = (
        cluster_years_run_by(ids[0])
        if len(ids) == 1
        else ClusterYear.objects.filter(cluster__authority__in=authorities)
    )
    return years.select_related("cluster").order_by(
        "-year", "cluster__kind", "cluster__number", "cluster__sort_key"
    )


def _service_args(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": data["kind"],
        "title": data["title"],
        "slogan": data["slogan"],
        "description": data["description"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "document_number": data["document_number"],
        "document_date": data["document_date"],
        "document_file": data["document_file"],
        "cluster_years": data["cluster_years"],
        "note": data["note"],
    }


@login_required
def movement_new(request: AuthedRequest) -> HttpResponse:
    require(request, LAUNCH_MOVEMENT.name, None)
    authorities = _launch_authorities(request)
    choices = _cluster_year_choices(authorities)
    if request.method != "POST":
        form = MovementForm(authorities=authorities, cluster_years=choices)
    else:
        form = MovementForm(
            request.POST, request.FILES, authorities=authorities, cluster_years=choices
        )
        outcome = run_service(
            request,
            lambda: services.launch_movement(
                authority=form.cleaned_data.get("authority") or authorities.get(),
                by=request.user,
                **_service_args(form.cleaned_data),
            ),
            form=form,
            success=lambda movement: _("Đã phát động phong trào “{title}”.").format(title=movement),
        )
        if outcome.value is not None:
            return redirect("planning:movement", pk=outcome.value.pk)
    return render(request, "planning/movement_form.html", {"form": form, "movement": None})


def _movement_initial(item: Movement) -> dict[str, Any]:
    fields = ["kind", "title", "slogan", "description", "starts_on", "ends_on", "note"]
    return {
        **{name: getattr(item, name) for name in [*fields, "document_number", "document_date"]},
        "cluster_years": list(item.cluster_years.values_list("pk", flat=True)),
    }


@login_required
def movement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item: Movement = get_object_for_user_or_404(
        movements_for_user(request.user).select_related("authority"), pk=pk
    )
    require(request, CHANGE_MOVEMENT.name, item)
    authorities = Authority.objects.filter(pk=item.authority_id)
    choices = _cluster_year_choices(authorities)
    if request.method != "POST":
        form = MovementForm(
            initial=_movement_initial(item),
            authorities=authorities,
            cluster_years=choices,
            editing=True,
        )
    else:
        form = MovementForm(
            request.POST,
            request.FILES,
            authorities=authorities,
            cluster_years=choices,
            editing=True,
        )
        outcome = run_service(
            request,
            lambda: services.update_movement(
                movement=item,
                remove_document_file=form.cleaned_data["remove_document_file"],
                by=request.user,
                **_service_args(form.cleaned_data),
            ),
            form=form,
            success=_("Đã lưu phong trào."),
        )
        if outcome:
            return redirect("planning:movement", pk=item.pk)
    return render(request, "planning/movement_form.html", {"form": form, "movement": item})


@login_required
def movement_document(request: AuthedRequest, pk: int) -> HttpResponseBase:
    item = get_object_for_user_or_404(movements_for_user(request.user), pk=pk)
    return serve_stored_file(item.document_file, item.document_file_name or "van-ban-phat-dong")
