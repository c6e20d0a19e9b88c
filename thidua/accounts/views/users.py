"""The account pages of managers (/accounts/users/): the list, a new account, a person's page
with their roles by year and the actions on their account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts import services
from thidua.accounts.enums import Role
from thidua.accounts.forms import (
    AssignRoleForm,
    CreateUserForm,
    ProfileForm,
    ResetPasswordForm,
)
from thidua.accounts.selectors import roles_by_year, user_list, user_or_404
from thidua.core.http import AuthedRequest, is_htmx
from thidua.core.web import refusal, require, require_person, run_service


def site_root(request: AuthedRequest) -> str:
    """The address written in e-mailed links: the one the manager is using."""
    return request.build_absolute_uri("/")


@login_required
def user_list_page(request: AuthedRequest) -> HttpResponse:
    require(request, "accounts.view_users")
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    active = request.GET.get("active", "")
    rows = user_list(request.user, query=query, role=role, active=active)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "role": role, "active": active, "roles": Role.choices}
    if is_htmx(request):
        return render(request, "accounts/users/list.html#results", context)
    return render(request, "accounts/users/list.html", context)


@login_required
def user_create(request: AuthedRequest) -> HttpResponse:
    require(request, "accounts.create_user")
    form = CreateUserForm(request.POST or None, manager=request.user)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.create_user(
                user=request.user,
                username=form.cleaned_data["username"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                position=form.cleaned_data["position"],
                role=form.cleaned_data["role"],
                organization=form.cleaned_data["organization"],
                authority=form.cleaned_data["authority"],
                invite=form.cleaned_data["how"] == "invite",
                base_url=site_root(request),
            ),
            form=form,
        )
        if outcome.ok and outcome.value is not None:
            account = outcome.value
            return render(
                request,
                "accounts/users/created.html",
                {"account": account.user, "password": account.password},
            )
    return render(request, "accounts/users/create.html", {"form": form})


def _page_context(request: AuthedRequest, target: object) -> dict[str, object]:
    user = request.user
    return {
        "target": target,
        "years": roles_by_year(target),  # type: ignore[arg-type]
        "role_form": AssignRoleForm(manager=user, prefix="role"),
        "reset_form": ResetPasswordForm(prefix="reset"),
        "profile_form": ProfileForm(
            prefix="profile",
            initial={
                "full_name": target.full_name,  # type: ignore[attr-defined]
                "email": target.email,  # type: ignore[attr-defined]
                "position": target.position,  # type: ignore[attr-defined]
            },
        ),
        "role_refusal": refusal(user, "accounts.assign_role", target),
        "deactivate_refusal": refusal(user, "accounts.deactivate_user", target),
        "reset_refusal": refusal(user, "accounts.reset_password", target),
    }


@login_required
def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    target = user_or_404(request.user, pk)
    return render(request, "accounts/users/detail.html", _page_context(request, target))


@login_required
@require_POST
def assign_role(request: AuthedRequest, pk: int) -> HttpResponse:
    target = user_or_404(request.user, pk)
    require_person(request, "accounts.assign_role", target)
    form = AssignRoleForm(request.POST, manager=request.user, prefix="role")
    outcome = run_service(
        request,
        lambda: services.assign_role(
            user=request.user,
            target=target,
            role=form.cleaned_data["role"],
            organization=form.cleaned_data["organization"],
            authority=form.cleaned_data["authority"],
            valid_from=form.cleaned_data["valid_from"],
            note=form.cleaned_data["note"],
        ),
        form=form,
        success=_("Đã giao vai trò mới."),
    )
    if outcome.ok:
        return redirect("accounts:user", pk=target.pk)
    context = {**_page_context(request, target), "role_form": form}
    return render(request, "accounts/users/detail.html", context, status=400)


@login_required
@require_POST
def change_profile(request: AuthedRequest, pk: int) -> HttpResponse:
    target = user_or_404(request.user, pk)
    require_person(request, "accounts.change_user", target)
    form = ProfileForm(request.POST, prefix="profile")
    outcome = run_service(
        request,
        lambda: services.update_profile(
            user=request.user,
            target=target,
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            position=form.cleaned_data["position"],
        ),
        form=form,
        success=_("Đã lưu thông tin tài khoản."),
    )
    if outcome.ok:
        return redirect("accounts:user", pk=target.pk)
    context = {**_page_context(request, target), "profile_form": form}
    return render(request, "accounts/users/detail.html", context, status=400)


@login_required
@require_POST
def set_active(request: AuthedRequest, pk: int, active: bool) -> HttpResponse:
    target = user_or_404(request.user, pk)
    perm = "accounts.reactivate_user" if active else "accounts.deactivate_user"
    require_person(request, perm, target)
    run_service(
        request,
        lambda: services.set_active(user=request.user, target=target, active=active),
        success=_("Đã mở khóa tài khoản.") if active else _("Đã khóa tài khoản."),
    )
    return redirect("accounts:user", pk=target.pk)


@login_required
@require_POST
def reset_password(request: AuthedRequest, pk: int) -> HttpResponse:
    target = user_or_404(request.user, pk)
    require_person(request, "accounts.reset_password", target)
    form = ResetPasswordForm(request.POST, prefix="reset")
    outcome = run_service(
        request,
        lambda: services.reset_password(
            user=request.user,
            target=target,
            by_email=form.cleaned_data["how"] == "email",
            base_url=site_root(request),
        ),
        form=form,
        flash=True,
    )
    if outcome.ok and outcome.value:
        return render(
            request, "accounts/users/created.html", {"account": target, "password": outcome.value}
        )
    if outcome.ok:
        message = _("Đã gửi liên kết đặt lại mật khẩu tới {email}.").format(email=target.email)
        messages.success(request, message)
    return redirect("accounts:user", pk=target.pk)
