"""The pledge (giao ước): reading every version, drafting it (the secretariat), signing it (each
member unit's leader)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import on_behalf_notes
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require, require_person, run_service
from thidua.documents.registry import UNDATED_WARNING
from thidua.start_of_year.documents import PLEDGE_DOCUMENT, pledge_date
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES
from thidua.start_of_year.forms import (
    PledgeHeaderForm,
    PledgeItemForm,
    PledgeTargetForm,
    SignForm,
)
from thidua.start_of_year.models import Pledge, PledgeSignature
from thidua.start_of_year.rules import (
    EDIT_PLEDGE,
    OPEN_PLEDGE,
    SIGN_PLEDGE,
    SIGN_PLEDGE_ON_BEHALF,
    VIEW_PLEDGE,
)
from thidua.start_of_year.selectors import (
    SETTINGS_OF_YEAR,
    default_signer,
    members_of,
    pledge_edit_data,
    pledge_page_data,
    settings_for,
)
from thidua.start_of_year.services import pledges as pledge_services
from thidua.start_of_year.services import signatures


def _sign_form(user: Any, pledge: Pledge | None) -> SignForm | None:
    """The signing form with the unit's leader as default signer, for a leader who may sign."""
    if pledge is None or not user.has_perm(SIGN_PLEDGE.name, pledge):
        return None
    name, position = default_signer(user, user.organization)
    return SignForm(
        initial={
            "organization": user.organization_id,
            "signer_name": name,
            "signer_position": position,
        }
    )


@login_required
def pledge_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user,
        code,
        year,
        queryset=cluster_year_detail(request.user).select_related(SETTINGS_OF_YEAR),
    )
    require(request, VIEW_PLEDGE.name, cluster_year)
    page = pledge_page_or_404(cluster_year, request.GET.get("v", ""))
    context = {
        "cy": cluster_year,
        "page": page,
        "pledge": page.pledge,
        "rows": page.rows,
        "sign_form": _sign_form(request.user, page.pledge),
        "sign_refusal": refusal(request.user, SIGN_PLEDGE.name, page.pledge),
        "records_on_behalf": bool(
            page.pledge
            and SIGN_PLEDGE_ON_BEHALF.who.test(request.user, PledgeSignature(pledge=page.pledge))
        ),
        "on_behalf": _on_behalf_notes(page),
        "pledge_document": PLEDGE_DOCUMENT,
        "pledge_undated": page.pledge is not None and pledge_date(page.pledge) is None,
        "undated_warning": UNDATED_WARNING,
        "limits": settings_for(cluster_year),
    }
    return render(request, "start_of_year/pledge.html", context)


def _on_behalf_notes(page: Any) -> list[Any]:
    """The signatures recorded on a unit's behalf (read only when some were recorded)."""
    recorded = any(row.signature and row.signature.is_recorded for row in page.rows)
    return on_behalf_notes([page.pledge]) if recorded else []


def pledge_page_or_404(cluster_year: ClusterYear, version: str) -> Any:
    page = pledge_page_data(cluster_year, version)
    if page is None:
        raise Http404
    return page


@login_required
def pledge_edit(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """The secretariat's working copy: the draft, or the current version while unsigned."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require_person(request, EDIT_PLEDGE.name, cluster_year)
    page = pledge_edit_data(cluster_year)
    working = page.pledge
    header = (
        {name: getattr(working, name) for name in PledgeHeaderForm.HEADER_FIELDS}
        if working
        else {"title": pledge_services.default_pledge_title(cluster_year)}
    )
    context = {
        "cy": cluster_year,
        "page": page,
        "pledge": working,
        # the header and the new item both have a title and a change note: their own ids
        "header_form": PledgeHeaderForm(initial=header, auto_id="header_%s"),
        "item_form": PledgeItemForm(auto_id="item_%s"),
        "target_form": PledgeTargetForm(members=page.members),
        "limits": settings_for(cluster_year),
    }
    return render(request, "start_of_year/pledge_edit.html", context)


def _drafting(
    request: AuthedRequest,
    code: str,
    year: int,
    service: Callable[[ClusterYear], Any],
    *,
    form: Any = None,
    success: str,
) -> HttpResponse:
    """Every change to the pledge text: 403 unless the user drafts the year's pledge; the
    service's refusal or error as a message; back to the editor."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require_person(request, EDIT_PLEDGE.name, cluster_year)
    run_service(request, lambda: service(cluster_year), form=form, flash=True, success=success)
    return redirect("start_of_year:pledge_edit", code=code, year=year)


@login_required
@require_POST
def pledge_create(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    form = PledgeHeaderForm(request.POST)
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.create_pledge(cluster_year=cy, by=request.user, **form.header()),
        form=form,
        success=_("Đã tạo dự thảo giao ước."),
    )


@login_required
@require_POST
def pledge_header(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    form = PledgeHeaderForm(request.POST)
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.update_pledge_header(
            cluster_year=cy,
            by=request.user,
            change_note=form.cleaned_data["change_note"],
            **form.header(),
        ),
        form=form,
        success=_("Đã lưu thông tin giao ước."),
    )


@login_required
@require_POST
def pledge_item_add(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    form = PledgeItemForm(request.POST)
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.add_pledge_item(
            cluster_year=cy, by=request.user, **form.cleaned_data
        ),
        form=form,
        success=_("Đã thêm nội dung cam kết."),
    )


@login_required
@require_POST
def pledge_item_edit(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    form = PledgeItemForm(request.POST)
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.update_pledge_item(
            cluster_year=cy, by=request.user, number=number, **form.cleaned_data
        ),
        form=form,
        success=_("Đã sửa nội dung cam kết số {number}.").format(number=number),
    )


@login_required
@require_POST
def pledge_item_delete(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.remove_pledge_item(
            cluster_year=cy,
            by=request.user,
            number=number,
            change_note=request.POST.get("change_note", ""),
        ),
        success=_("Đã xóa nội dung cam kết số {number}.").format(number=number),
    )


@login_required
@require_POST
def pledge_target_add(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    form = PledgeTargetForm(request.POST, members=members_of(cluster_year))
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.add_pledge_target(
            cluster_year=cy, by=request.user, item_number=number, **form.cleaned_data
        ),
        form=form,
        success=_("Đã thêm chỉ tiêu."),
    )


@login_required
@require_POST
def pledge_target_delete(request: AuthedRequest, code: str, year: int, pk: int) -> HttpResponse:
    return _drafting(
        request,
        code,
        year,
        lambda cy: pledge_services.remove_pledge_target(
            cluster_year=cy,
            by=request.user,
            target_id=pk,
            change_note=request.POST.get("change_note", ""),
        ),
        success=_("Đã xóa chỉ tiêu."),
    )


@login_required
@require_POST
def pledge_open(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require_person(request, OPEN_PLEDGE.name, cluster_year)
    outcome = run_service(
        request,
        lambda: pledge_services.open_pledge(cluster_year=cluster_year, by=request.user),
        flash=True,
        success=_("Đã mở ký giao ước. Các đơn vị thành viên ký trên trang giao ước."),
    )
    if not outcome.ok:
        return redirect("start_of_year:pledge_edit", code=code, year=year)
    return redirect("start_of_year:pledge", code=code, year=year)


@login_required
@require_POST
def pledge_sign(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """A leader signs the current version for the unit. Anyone else is refused (403); a leader
    who may not sign now (twice, late) reads the reason; nothing is written."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    back = redirect("start_of_year:pledge", code=code, year=year)
    pledge = Pledge.objects.filter(
        cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES
    ).first()
    if pledge is None:
        messages.error(request, _("Chưa có giao ước đang mở ký."))
        return back
    require_person(request, SIGN_PLEDGE.name, pledge)
    form = SignForm(request.POST)
    run_service(
        request,
        lambda: signatures.sign_pledge(pledge=pledge, by=request.user, **form.cleaned_data),
        form=form,
        flash=True,
        success=lambda signature: _("Đã ký giao ước thay mặt {unit}.").format(
            unit=signature.organization.name
        ),
    )
    return back
