"""The law in words: the versions, one version with what changed, a comparison, and the
clone → edit → publish → close workflow. GET renders; POST runs a service and redirects."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require, require_person, run_service
from thidua.legal import services
from thidua.legal.forms import (
    CloneForm,
    CloseForm,
    NewLocalForm,
    ParameterForm,
    PublishForm,
    RemoveForm,
)
from thidua.legal.models import RuleSet
from thidua.legal.pages import (
    diff,
    families,
    rule_set_or_404,
    version_page,
    visible_rule_sets,
    visible_to,
)
from thidua.legal.rules import (
    CLONE_RULE_SET,
    CLOSE_RULE_SET,
    CREATE_LOCAL_SET,
    DELETE_DRAFT,
    EDIT_DRAFT,
    PUBLISH_RULE_SET,
    VIEW_RULE_SETS,
)


@login_required
def rule_sets(request: AuthedRequest) -> HttpResponse:
    """Families → authorities → versions, each with its parameters in words."""
    require(request, VIEW_RULE_SETS.name)
    context = {
        "families": families(visible_rule_sets(request.user)),
        "new_form": NewLocalForm(user=request.user),
    }
    return render(request, "legal/rule_sets.html", context)


@login_required
@require_POST
def new_local(request: AuthedRequest) -> HttpResponse:
    require_person(request, CREATE_LOCAL_SET.name)
    form = NewLocalForm(request.POST, user=request.user)
    outcome = run_service(
        request,
        lambda: services.create_local_draft(user=request.user, **form.cleaned_data),
        form=form,
        flash=True,
        success=lambda d: _("Đã tạo bản nháp {code}.").format(code=d.code),
    )
    if outcome.ok and outcome.value is not None:
        return redirect("legal:edit", outcome.value.code)
    return redirect("legal:rule_sets")


@login_required
def detail(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require(request, VIEW_RULE_SETS.name, rule_set)
    context = {
        "page": version_page(rule_set),
        "rs": rule_set,
        "clone_form": CloneForm(),
        "close_form": CloseForm(),
        "clone_refusal": refusal(request.user, CLONE_RULE_SET.name, rule_set),
    }
    return render(request, "legal/detail.html", context)


@login_required
def compare(request: AuthedRequest) -> HttpResponse:
    require(request, VIEW_RULE_SETS.name)
    visible = visible_rule_sets(request.user)
    a = visible.filter(code=request.GET.get("a", "")).first()
    b = visible.filter(code=request.GET.get("b", "")).first()
    changes = diff(list(a.parameters.all()), list(b.parameters.all())) if a and b else None
    context = {
        "a": a,
        "b": b,
        "changes": changes,
        "choices": RuleSet.objects.filter(visible_to(request.user)).only("code", "name"),
    }
    return render(request, "legal/compare.html", context)


@login_required
def edit(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require_person(request, EDIT_DRAFT.name, rule_set)
    form = ParameterForm(request.POST or None, rule_set=rule_set)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.set_parameter(
                user=request.user, rule_set=rule_set, **form.cleaned_data
            ),
            form=form,
            success=_("Đã lưu tham số."),
        )
        if outcome.ok:
            return redirect("legal:edit", rule_set.code)
    context = {
        "rs": rule_set,
        "page": version_page(rule_set),
        "form": form,
        "refusal": refusal(request.user, EDIT_DRAFT.name, rule_set),
    }
    return render(request, "legal/edit.html", context)


@login_required
@require_POST
def remove(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require_person(request, EDIT_DRAFT.name, rule_set)
    form = RemoveForm(request.POST)
    run_service(
        request,
        lambda: services.remove_parameter(
            user=request.user, rule_set=rule_set, **form.cleaned_data
        ),
        form=form,
        flash=True,
        success=_("Đã bỏ tham số."),
    )
    return redirect("legal:edit", rule_set.code)


@login_required
@require_POST
def clone(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require_person(request, CLONE_RULE_SET.name, rule_set)
    form = CloneForm(request.POST)
    outcome = run_service(
        request,
        lambda: services.clone_rule_set(user=request.user, rule_set=rule_set, **form.cleaned_data),
        form=form,
        flash=True,
        success=lambda d: _("Đã tạo bản nháp {code}.").format(code=d.code),
    )
    if outcome.ok and outcome.value is not None:
        return redirect("legal:edit", outcome.value.code)
    return redirect("legal:detail", rule_set.code)


@login_required
def publish(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require_person(request, PUBLISH_RULE_SET.name, rule_set)
    initial = {
        "legal_basis": rule_set.legal_basis,
        "instruments": list(rule_set.instruments.all()),
        "achievement_year_from": rule_set.achievement_year_from,
        "achievement_year_to": rule_set.achievement_year_to,
    }
    form = PublishForm(request.POST or None, initial=initial)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.publish_rule_set(
                user=request.user, rule_set=rule_set, **form.cleaned_data
            ),
            form=form,
            success=_("Đã ban hành bộ quy định."),
        )
        if outcome.ok:
            return redirect("legal:detail", rule_set.code)
    context = {
        "rs": rule_set,
        "form": form,
        "page": version_page(rule_set),
        "refusal": refusal(request.user, PUBLISH_RULE_SET.name, rule_set),
    }
    return render(request, "legal/publish.html", context)


@login_required
@require_POST
def close(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require_person(request, CLOSE_RULE_SET.name, rule_set)
    form = CloseForm(request.POST)
    run_service(
        request,
        lambda: services.close_rule_set(user=request.user, rule_set=rule_set, **form.cleaned_data),
        form=form,
        flash=True,
        success=_("Đã cập nhật ngày hết hiệu lực."),
    )
    return redirect("legal:detail", rule_set.code)


@login_required
@require_POST
def delete(request: AuthedRequest, code: str) -> HttpResponse:
    rule_set = rule_set_or_404(request.user, code)
    require_person(request, DELETE_DRAFT.name, rule_set)
    outcome = run_service(
        request,
        lambda: services.delete_draft(user=request.user, rule_set=rule_set),
        flash=True,
        success=_("Đã xóa bản nháp."),
    )
    return redirect("legal:rule_sets") if outcome.ok else redirect("legal:detail", rule_set.code)
