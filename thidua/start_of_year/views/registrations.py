"""Registrations (đăng ký thi đua): the list of a cluster year, one unit's registration with its
models, topics and progress, and the state machine's actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards.selectors import registrable_awards_for
from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import on_behalf_notes
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.permissions import Action
from thidua.core.web import refusal, require, require_person, run_service
from thidua.organizations.models import Organization
from thidua.start_of_year.documents import REGISTRATION_SUMMARY_DOCUMENT
from thidua.start_of_year.enums import ItemKind, RegistrationAction
from thidua.start_of_year.forms import ItemForm, ProgressForm, RegistrationForm, ReturnForm
from thidua.start_of_year.models import Registration
from thidua.start_of_year.rules import (
    EDIT_REGISTRATION,
    REPORT_PROGRESS,
    TRANSITION_ACTIONS,
    VIEW_PLEDGE,
)
from thidua.start_of_year.selectors import (
    SETTINGS_OF_YEAR,
    RegistrationPage,
    registration_page_data,
    registration_rows,
    settings_for,
)
from thidua.start_of_year.services import progress, registered_items, registrations

TRANSITION_MESSAGES = {
    RegistrationAction.SUBMIT: gettext_lazy("Đã gửi đăng ký thi đua tới đơn vị trưởng."),
    RegistrationAction.ACCEPT: gettext_lazy("Đã chấp nhận đăng ký thi đua."),
    RegistrationAction.RETURN: gettext_lazy("Đã trả lại đăng ký thi đua cho đơn vị."),
}


@login_required
def registration_list(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user,
        code,
        year,
        queryset=cluster_year_detail(request.user).select_related(SETTINGS_OF_YEAR),
    )
    require(request, VIEW_PLEDGE.name, cluster_year)
    rows = registration_rows(cluster_year, request.user)
    own = next((r for r in rows if r.organization.pk == request.user.organization_id), None)
    context = {
        "cy": cluster_year,
        "rows": rows,
        "limits": settings_for(cluster_year),
        "own_code": own.organization.code if own else None,
        "registered_count": sum(1 for r in rows if r.registered),
        "summary_document": REGISTRATION_SUMMARY_DOCUMENT,
    }
    return render(request, "start_of_year/registrations.html", context)


def _member(cluster_year: ClusterYear, org_code: str) -> Organization:
    """A member unit of the cluster year (404 otherwise)."""
    organization = next(
        (m.organization for m in cluster_year.memberships.all() if m.organization.code == org_code),
        None,
    )
    if organization is None:
        raise Http404
    return organization


def _awards(cluster_year: ClusterYear) -> Any:
    return registrable_awards_for(year=cluster_year.year, authority=cluster_year.cluster.authority)


@login_required
def registration_detail(
    request: AuthedRequest, code: str, year: int, org_code: str
) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require(request, VIEW_PLEDGE.name, cluster_year)
    page = registration_page_data(cluster_year, _member(cluster_year, org_code), request.user)
    registration = page.registration
    context = {
        "cy": cluster_year,
        "page": page,
        "organization": page.organization,
        "registration": registration,
        "limits": settings_for(cluster_year),
        "edit_refusal": refusal(request.user, EDIT_REGISTRATION.name, registration),
        "registration_form": RegistrationForm(
            awards=_awards(cluster_year),
            initial={"award": registration.award_id, "goals": registration.goals},
        ),
        "item_form": ItemForm(),
        "return_form": ReturnForm(),
        "progress_form": ProgressForm(),
        "kinds": ItemKind,
        "on_behalf": on_behalf_notes([registration]) if registration.pk else [],
    }
    return render(request, "start_of_year/registration.html", context)


def _unit_post(
    request: AuthedRequest,
    code: str,
    year: int,
    org_code: str,
    *,
    declared: Action,
    service: Callable[[RegistrationPage], Any],
    form: Any = None,
    success: str | Callable[[Any], str],
) -> HttpResponse:
    """A change to one unit's registration: 403 unless the action is the user's to take on it;
    the service's refusal or error, or ``success``, as a message; back to the registration."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    page = registration_page_data(cluster_year, _member(cluster_year, org_code), request.user)
    require_person(request, declared.name, page.registration)
    run_service(request, lambda: service(page), form=form, flash=True, success=success)
    return redirect("start_of_year:registration", code=code, year=year, org_code=org_code)


@login_required
@require_POST
def registration_save(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    form = RegistrationForm(request.POST, awards=_awards(cluster_year))
    return _unit_post(
        request,
        code,
        year,
        org_code,
        declared=EDIT_REGISTRATION,
        service=lambda page: registrations.save_registration(
            cluster_year=cluster_year,
            organization=page.organization,
            by=request.user,
            **form.cleaned_data,
        ),
        form=form,
        success=_("Đã lưu đăng ký thi đua."),
    )


def _item_of(page: RegistrationPage, kind: str, pk: int) -> Any:
    items = page.models if kind == ItemKind.MODEL else page.topics
    item = next((i for i in items if i.pk == pk), None)
    if kind not in ItemKind.values or item is None:
        raise Http404
    return item


@transaction.atomic
def _add_item(page: RegistrationPage, by: Any, kind: str, data: dict[str, Any]) -> Any:
    """The unit's first model or topic starts its registration."""
    registration: Registration = page.registration
    if not page.started:
        registration = registrations.save_registration(
            cluster_year=registration.cluster_year,
            organization=page.organization,
            by=by,
            award=None,
        )
    return registered_items.add_registered_item(registration=registration, by=by, kind=kind, **data)


@login_required
@require_POST
def item_add(
    request: AuthedRequest, code: str, year: int, org_code: str, kind: str
) -> HttpResponse:
    if kind not in ItemKind.values:
        raise Http404
    form = ItemForm(request.POST)
    return _unit_post(
        request,
        code,
        year,
        org_code,
        declared=EDIT_REGISTRATION,
        service=lambda page: _add_item(page, request.user, kind, form.cleaned_data),
        form=form,
        success=_("Đã thêm {kind}.").format(kind=ItemKind(kind).label.lower()),
    )


@login_required
@require_POST
def item_edit(
    request: AuthedRequest, *, code: str, year: int, org_code: str, kind: str, pk: int
) -> HttpResponse:
    form = ItemForm(request.POST)
    return _unit_post(
        request,
        code,
        year,
        org_code,
        declared=EDIT_REGISTRATION,
        service=lambda page: registered_items.update_registered_item(
            item=_item_of(page, kind, pk), by=request.user, **form.cleaned_data
        ),
        form=form,
        success=lambda item: _("Đã lưu “{name}”.").format(name=item.name),
    )


@login_required
@require_POST
def item_delete(
    request: AuthedRequest, *, code: str, year: int, org_code: str, kind: str, pk: int
) -> HttpResponse:
    def remove(page: RegistrationPage) -> str:
        """Remove the item; its name, for the message."""
        item = _item_of(page, kind, pk)
        registered_items.remove_registered_item(item=item, by=request.user)
        return str(item.name)

    return _unit_post(
        request,
        code,
        year,
        org_code,
        declared=EDIT_REGISTRATION,
        service=remove,
        success=lambda name: _("Đã xóa “{name}”.").format(name=name),
    )


@login_required
@require_POST
def item_progress(
    request: AuthedRequest, *, code: str, year: int, org_code: str, kind: str, pk: int
) -> HttpResponse:
    form = ProgressForm(request.POST, request.FILES)

    def report(page: RegistrationPage) -> Any:
        return progress.post_progress(
            item=_item_of(page, kind, pk),
            by=request.user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["evidence"],
        )

    return _unit_post(
        request,
        code,
        year,
        org_code,
        declared=REPORT_PROGRESS,
        service=report,
        form=form,
        success=lambda update: _("Đã gửi báo cáo tiến độ của “{name}”.").format(
            name=update.item.name
        ),
    )


@login_required
@require_POST
def registration_transition(
    request: AuthedRequest, code: str, year: int, org_code: str, action: str
) -> HttpResponse:
    if action not in RegistrationAction.values:
        raise Http404
    return _unit_post(
        request,
        code,
        year,
        org_code,
        declared=TRANSITION_ACTIONS[RegistrationAction(action)],
        service=lambda page: registrations.transition_registration(
            registration=page.registration,
            action=action,
            by=request.user,
            reason=request.POST.get("reason", ""),
        ),
        success=str(TRANSITION_MESSAGES[RegistrationAction(action)]),
    )
