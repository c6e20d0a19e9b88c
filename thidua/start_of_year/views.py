"""Views of the pledge (giao ước) and the registrations (đăng ký thi đua). Thin: they load
objects through user-scoped selectors (404 outside scope), check the permission (403), call one
service and report its message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.accounts.enums import UNIT_ROLES
from thidua.awards.selectors import collective_awards_for
from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.organizations.models import Organization
from thidua.start_of_year import services
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    EDITABLE_STATUSES,
    TRANSITIONS,
    ItemKind,
    PledgeStatus,
    RegistrationAction,
    RegistrationStatus,
)
from thidua.start_of_year.forms import (
    ItemForm,
    PledgeHeaderForm,
    PledgeItemForm,
    PledgeTargetForm,
    ProgressForm,
    RegistrationForm,
    ReturnForm,
    SignForm,
)
from thidua.start_of_year.models import Pledge, Registration
from thidua.start_of_year.selectors import (
    default_signer,
    pledge_detail_qs,
    registration_detail_qs,
    registration_rows,
    settings_for,
    signature_rows,
)


def cluster_year_for(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return get_object_for_user_or_404(
        cluster_year_detail(request.user), cluster__code=code, year=year
    )


def require_perm(request: AuthedRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def run_service(request: AuthedRequest, action: Callable[[], Any], success: str) -> bool:
    """Call a service; show its Vietnamese message on failure (nothing was written then)."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def form_errors(request: AuthedRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


# ---------------------------------------------------------------- pledge


def _members(cluster_year: ClusterYear) -> list[Organization]:
    return [m.organization for m in cluster_year.memberships.all()]


@login_required
def pledge_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    user = request.user
    pledges = list(pledge_detail_qs().filter(cluster_year=cluster_year).order_by("-version"))
    requested = request.GET.get("v", "")
    if requested:
        pledge = next((p for p in pledges if str(p.version) == requested), None)
        if pledge is None:
            raise Http404
    else:
        pledge = next((p for p in pledges if p.status in CURRENT_PLEDGE_STATUSES), None) or next(
            (p for p in pledges if p.status == PledgeStatus.DRAFT), None
        )
    rows = signature_rows(cluster_year, pledge)
    own = next((r for r in rows if r.organization.pk == user.organization_id), None)
    can_sign = bool(
        pledge is not None
        and pledge.status in CURRENT_PLEDGE_STATUSES
        and user.has_perm("start_of_year.sign_pledge", cluster_year)
        and own is not None
        and own.signature is None
    )
    sign_form = None
    step_open = True
    if can_sign and user.organization is not None:
        name, position = default_signer(user, user.organization)
        sign_form = SignForm(
            initial={
                "organization": user.organization_id,
                "signer_name": name,
                "signer_position": position,
            }
        )
        step_open = is_step_open(
            cluster_year=cluster_year, step=CycleStep.PLEDGE, organization=user.organization
        )
    signed = sum(1 for r in rows if r.signature)
    context = {
        "cy": cluster_year,
        "pledge": pledge,
        "pledges": pledges,
        "rows": rows,
        "signed_count": signed,
        "member_count": len(rows),
        "sign_form": sign_form,
        "sign_step_open": step_open,
        "can_manage": user.has_perm("start_of_year.manage_year", cluster_year),
        "has_draft": any(p.status == PledgeStatus.DRAFT for p in pledges),
        "limits": settings_for(cluster_year),
    }
    return render(request, "start_of_year/pledge.html", context)


@login_required
def pledge_edit(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """The secretariat's working copy: the draft, or the current version while unsigned."""
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    pledges = list(pledge_detail_qs().filter(cluster_year=cluster_year).order_by("-version"))
    working = next((p for p in pledges if p.status == PledgeStatus.DRAFT), None) or next(
        (p for p in pledges if p.status in CURRENT_PLEDGE_STATUSES), None
    )
    signed_version = bool(
        working is not None
        and working.status != PledgeStatus.DRAFT
        and len(working.signatures.all()) > 0
    )
    members = Organization.objects.filter(cluster_memberships__cluster_year=cluster_year).order_by(
        "sort_key"
    )
    header_initial = (
        {
            "title": working.title,
            "doc_number": working.doc_number,
            "place": working.place,
            "conference_date": working.conference_date,
            "preamble": working.preamble,
        }
        if working
        else {"title": services.default_pledge_title(cluster_year)}
    )
    context = {
        "cy": cluster_year,
        "pledge": working,
        "signed_version": signed_version,
        "header_form": PledgeHeaderForm(initial=header_initial),
        "item_form": PledgeItemForm(),
        "target_form": PledgeTargetForm(members=members),
        "limits": settings_for(cluster_year),
    }
    return render(request, "start_of_year/pledge_edit.html", context)


def _pledge_post(request: AuthedRequest, code: str, year: int) -> tuple[ClusterYear, Any]:
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    return cluster_year, redirect("start_of_year:pledge_edit", code=code, year=year)


@login_required
@require_POST
def pledge_create(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    form = PledgeHeaderForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return back
    run_service(
        request,
        lambda: services.create_pledge(cluster_year=cluster_year, by=request.user, **form.header()),
        _("Đã tạo dự thảo giao ước."),
    )
    return back


@login_required
@require_POST
def pledge_header(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    form = PledgeHeaderForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return back
    run_service(
        request,
        lambda: services.update_pledge_header(
            cluster_year=cluster_year,
            by=request.user,
            change_note=form.cleaned_data["change_note"],
            **form.header(),
        ),
        _("Đã lưu thông tin giao ước."),
    )
    return back


@login_required
@require_POST
def pledge_item_add(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    form = PledgeItemForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.add_pledge_item(
            cluster_year=cluster_year,
            by=request.user,
            title=data.get("title", ""),
            text=data.get("text", ""),
            change_note=data.get("change_note", ""),
        ),
        _("Đã thêm nội dung cam kết."),
    )
    return back


@login_required
@require_POST
def pledge_item_edit(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    form = PledgeItemForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.update_pledge_item(
            cluster_year=cluster_year,
            by=request.user,
            number=number,
            title=data.get("title", ""),
            text=data.get("text", ""),
            change_note=data.get("change_note", ""),
        ),
        _("Đã sửa nội dung cam kết số {number}.").format(number=number),
    )
    return back


@login_required
@require_POST
def pledge_item_delete(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    run_service(
        request,
        lambda: services.remove_pledge_item(
            cluster_year=cluster_year,
            by=request.user,
            number=number,
            change_note=request.POST.get("change_note", ""),
        ),
        _("Đã xóa nội dung cam kết số {number}.").format(number=number),
    )
    return back


@login_required
@require_POST
def pledge_target_add(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    members = Organization.objects.filter(cluster_memberships__cluster_year=cluster_year)
    form = PledgeTargetForm(request.POST, members=members)
    if not form.is_valid():
        form_errors(request, form)
        return back
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.add_pledge_target(
            cluster_year=cluster_year,
            by=request.user,
            item_number=number,
            text=data["text"],
            metric=data["metric"],
            value=data["value"],
            unit=data["unit"],
            organization=data["organization"],
            change_note=data["change_note"],
        ),
        _("Đã thêm chỉ tiêu."),
    )
    return back


@login_required
@require_POST
def pledge_target_delete(request: AuthedRequest, code: str, year: int, pk: int) -> HttpResponse:
    cluster_year, back = _pledge_post(request, code, year)
    run_service(
        request,
        lambda: services.remove_pledge_target(
            cluster_year=cluster_year,
            by=request.user,
            target_id=pk,
            change_note=request.POST.get("change_note", ""),
        ),
        _("Đã xóa chỉ tiêu."),
    )
    return back


@login_required
@require_POST
def pledge_open(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year, _back = _pledge_post(request, code, year)
    opened = run_service(
        request,
        lambda: services.open_pledge(cluster_year=cluster_year, by=request.user),
        _("Đã mở ký giao ước. Các đơn vị thành viên ký trên trang giao ước."),
    )
    if opened:
        return redirect("start_of_year:pledge", code=code, year=year)
    return redirect("start_of_year:pledge_edit", code=code, year=year)


@login_required
@require_POST
def pledge_sign(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """A leader signs for the unit. Refusals (not a leader, another unit, twice, late) come back
    as the service's message; nothing is written."""
    cluster_year = cluster_year_for(request, code, year)
    back = redirect("start_of_year:pledge", code=code, year=year)
    pledge = Pledge.objects.filter(
        cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES
    ).first()
    if pledge is None:
        messages.error(request, _("Chưa có giao ước đang mở ký."))
        return back
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Đơn vị ký không hợp lệ."))
        return back
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.sign_pledge(
            pledge=pledge,
            by=request.user,
            organization=data["organization"],
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
        ),
        _("Đã ký giao ước thay mặt {unit}.").format(unit=data["organization"].name),
    )
    return back


# ---------------------------------------------------------------- registrations


@login_required
def registration_list(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    user = request.user
    rows = registration_rows(cluster_year)
    context = {
        "cy": cluster_year,
        "rows": rows,
        "limits": settings_for(cluster_year),
        "own_code": next(
            (r["organization"].code for r in rows if r["organization"].pk == user.organization_id),
            None,
        ),
        "can_manage": user.has_perm("start_of_year.manage_year", cluster_year),
        "registered_count": sum(
            1
            for r in rows
            if r["registration"]
            and r["registration"].status
            in (RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED)
        ),
    }
    return render(request, "start_of_year/registrations.html", context)


def _member(cluster_year: ClusterYear, org_code: str) -> Organization:
    organization = next((o for o in _members(cluster_year) if o.code == org_code), None)
    if organization is None:
        raise Http404
    return organization


def _registration(cluster_year: ClusterYear, organization: Organization) -> Registration | None:
    return (
        registration_detail_qs()
        .filter(cluster_year=cluster_year, organization=organization)
        .first()
    )


def _can_edit_unit(request: AuthedRequest, organization: Organization) -> bool:
    user = request.user
    return user.role in UNIT_ROLES and user.organization_id == organization.pk


@login_required
def registration_detail(
    request: AuthedRequest, code: str, year: int, org_code: str
) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    organization = _member(cluster_year, org_code)
    registration = _registration(cluster_year, organization)
    user = request.user
    can_edit_unit = _can_edit_unit(request, organization)
    step_open = is_step_open(
        cluster_year=cluster_year, step=CycleStep.REGISTRATION, organization=organization
    )
    status = registration.status if registration else RegistrationStatus.DRAFT
    editable = can_edit_unit and status in EDITABLE_STATUSES and step_open
    can_review = user.has_perm("start_of_year.manage_year", cluster_year)
    awards = collective_awards_for(
        year=cluster_year.year, province=cluster_year.cluster.authority.province
    )
    limits = settings_for(cluster_year)
    context = {
        "cy": cluster_year,
        "organization": organization,
        "registration": registration,
        "models": list(registration.emulation_models.all()) if registration else [],
        "topics": list(registration.topics.all()) if registration else [],
        "events": list(registration.events.all()) if registration else [],
        "limits": limits,
        "can_edit_unit": can_edit_unit,
        "can_manage": can_review,
        "editable": editable,
        "step_open": step_open,
        "can_submit": bool(
            registration and can_edit_unit and (status, RegistrationAction.SUBMIT) in TRANSITIONS
        ),
        "can_accept": bool(
            registration and can_review and (status, RegistrationAction.ACCEPT) in TRANSITIONS
        ),
        "can_return": bool(
            registration and can_review and (status, RegistrationAction.RETURN) in TRANSITIONS
        ),
        "can_report": bool(
            registration and can_edit_unit and status == RegistrationStatus.ACCEPTED
        ),
        "registration_form": RegistrationForm(
            awards=awards,
            initial={
                "award": registration.award_id if registration else None,
                "goals": registration.goals if registration else "",
            },
        ),
        "item_form": ItemForm(),
        "return_form": ReturnForm(),
        "progress_form": ProgressForm(),
        "kinds": ItemKind,
    }
    return render(request, "start_of_year/registration.html", context)


def _unit_post(
    request: AuthedRequest, code: str, year: int, org_code: str
) -> tuple[ClusterYear, Organization, Registration | None, HttpResponse]:
    cluster_year = cluster_year_for(request, code, year)
    organization = _member(cluster_year, org_code)
    if not _can_edit_unit(request, organization):
        raise PermissionDenied
    back = redirect("start_of_year:registration", code=code, year=year, org_code=org_code)
    return cluster_year, organization, _registration(cluster_year, organization), back


@login_required
@require_POST
def registration_save(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cluster_year, organization, _registration_obj, back = _unit_post(request, code, year, org_code)
    awards = collective_awards_for(
        year=cluster_year.year, province=cluster_year.cluster.authority.province
    )
    form = RegistrationForm(request.POST, awards=awards)
    if not form.is_valid():
        form_errors(request, form)
        return back
    run_service(
        request,
        lambda: services.save_registration(
            cluster_year=cluster_year,
            organization=organization,
            by=request.user,
            award=form.cleaned_data["award"],
            goals=form.cleaned_data["goals"],
        ),
        _("Đã lưu đăng ký thi đua."),
    )
    return back


def _item_of(registration: Registration | None, kind: str, pk: int) -> Any:
    if registration is None or kind not in ItemKind.values:
        raise Http404
    items = registration.emulation_models if kind == ItemKind.MODEL else registration.topics
    item = next((i for i in items.all() if i.pk == pk), None)
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def item_add(
    request: AuthedRequest, code: str, year: int, org_code: str, kind: str
) -> HttpResponse:
    cluster_year, organization, registration, back = _unit_post(request, code, year, org_code)
    if kind not in ItemKind.values:
        raise Http404
    form = ItemForm(request.POST)
    form.is_valid()
    data = form.cleaned_data

    def add() -> Any:
        target = registration or services.save_registration(
            cluster_year=cluster_year, organization=organization, by=request.user, award=None
        )
        return services.add_registered_item(
            registration=target,
            by=request.user,
            kind=kind,
            name=data.get("name", ""),
            description=data.get("description", ""),
            expected_result=data.get("expected_result", ""),
        )

    def add_atomically() -> Any:
        with transaction.atomic():
            return add()

    run_service(
        request,
        add_atomically,
        _("Đã thêm {kind}.").format(kind=ItemKind(kind).label.lower()),
    )
    return back


@login_required
@require_POST
def item_edit(
    request: AuthedRequest, *, code: str, year: int, org_code: str, kind: str, pk: int
) -> HttpResponse:
    _cy, _org, registration, back = _unit_post(request, code, year, org_code)
    item = _item_of(registration, kind, pk)
    form = ItemForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.update_registered_item(
            item=item,
            by=request.user,
            name=data.get("name", ""),
            description=data.get("description", ""),
            expected_result=data.get("expected_result", ""),
        ),
        _("Đã lưu “{name}”.").format(name=data.get("name", "")),
    )
    return back


@login_required
@require_POST
def item_delete(
    request: AuthedRequest, *, code: str, year: int, org_code: str, kind: str, pk: int
) -> HttpResponse:
    _cy, _org, registration, back = _unit_post(request, code, year, org_code)
    item = _item_of(registration, kind, pk)
    run_service(
        request,
        lambda: services.remove_registered_item(item=item, by=request.user),
        _("Đã xóa “{name}”.").format(name=item.name),
    )
    return back


@login_required
@require_POST
def item_progress(
    request: AuthedRequest, *, code: str, year: int, org_code: str, kind: str, pk: int
) -> HttpResponse:
    _cy, _org, registration, back = _unit_post(request, code, year, org_code)
    item = _item_of(registration, kind, pk)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        form_errors(request, form)
        return back
    run_service(
        request,
        lambda: services.post_progress(
            item=item,
            by=request.user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["evidence"],
        ),
        _("Đã gửi báo cáo tiến độ của “{name}”.").format(name=item.name),
    )
    return back


TRANSITION_MESSAGES = {
    RegistrationAction.SUBMIT: gettext_lazy("Đã gửi đăng ký thi đua tới đơn vị cụm trưởng."),
    RegistrationAction.ACCEPT: gettext_lazy("Đã chấp nhận đăng ký thi đua."),
    RegistrationAction.RETURN: gettext_lazy("Đã trả lại đăng ký thi đua cho đơn vị."),
}


@login_required
@require_POST
def registration_transition(
    request: AuthedRequest, code: str, year: int, org_code: str, action: str
) -> HttpResponse:
    if action not in RegistrationAction.values:
        raise Http404
    cluster_year = cluster_year_for(request, code, year)
    organization = _member(cluster_year, org_code)
    registration = _registration(cluster_year, organization)
    back = redirect("start_of_year:registration", code=code, year=year, org_code=org_code)
    if action == RegistrationAction.SUBMIT:
        if not _can_edit_unit(request, organization):
            raise PermissionDenied
    elif not request.user.has_perm("start_of_year.manage_year", cluster_year):
        raise PermissionDenied
    if registration is None:
        messages.error(request, _("{unit} chưa có đăng ký thi đua.").format(unit=organization.name))
        return back
    run_service(
        request,
        lambda: services.transition_registration(
            registration=registration,
            action=action,
            by=request.user,
            reason=request.POST.get("reason", ""),
        ),
        str(TRANSITION_MESSAGES[RegistrationAction(action)]),
    )
    return back


def registration_url(cluster_year: ClusterYear, organization: Organization) -> str:
    return reverse(
        "start_of_year:registration",
        kwargs={
            "code": cluster_year.cluster.code,
            "year": cluster_year.year,
            "org_code": organization.code,
        },
    )
