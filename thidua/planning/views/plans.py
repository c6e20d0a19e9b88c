"""Pages of the documents of a cluster year (work plan, rules, summary report): versions,
comments, adoption.

Who may act, and in which state, is the permission of each action (``planning.rules``); the
templates ask the same permissions to offer the buttons.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx, serve_stored_file
from thidua.core.web import refusal, require, require_person, run_service
from thidua.planning import services
from thidua.planning.enums import PLAN_STEP_KINDS, PlanKind
from thidua.planning.forms import AdoptForm, CommentForm, CorrectAdoptionForm, PlanVersionForm
from thidua.planning.models import PlanAttachment, PlanVersion
from thidua.planning.rules import (
    ADOPT_PLAN_VERSION,
    COMMENT_PLAN_VERSION,
    CORRECT_PLAN_ADOPTION,
    DRAFT_PLAN,
    EDIT_PLAN_VERSION,
)
from thidua.planning.selectors import (
    comment_threads,
    plan_statuses,
    plan_step_completion,
    step_deadline,
    version_detail,
)


def _kind(kind: str) -> PlanKind:
    if kind not in PlanKind.values:
        raise Http404
    return PlanKind(kind)


def _version(request: AuthedRequest, code: str, year: int, kind: str, number: int) -> PlanVersion:
    """Version ``number`` of the document ``kind`` of a cluster year the user sees (else 404),
    with the cluster year and its members (the rules read them) already loaded."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    version = get_object_for_user_or_404(version_detail(cluster_year, _kind(kind)), number=number)
    version.document.cluster_year = cluster_year
    return version


def _version_url(cluster_year: ClusterYear, kind: str, number: int) -> str:
    return reverse(
        "planning:plan_version", args=[cluster_year.cluster.code, cluster_year.year, kind, number]
    )


def _url_of(version: PlanVersion) -> str:
    return _version_url(version.document.cluster_year, version.document.kind, version.number)


@login_required
def plans(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """The documents of the year, where each stands, and the plan step; the summary report apart
    (it belongs to the year-end conference, not to the plan step)."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    deadline = step_deadline(cluster_year, CycleStep.PLAN)
    completion = plan_step_completion(cluster_year)
    statuses = plan_statuses(cluster_year)
    context = {
        "cy": cluster_year,
        "statuses": [s for s in statuses if s.kind in PLAN_STEP_KINDS],
        "year_end_statuses": [s for s in statuses if s.kind not in PLAN_STEP_KINDS],
        "completion": completion,
        "deadline": deadline,
        "overdue": completion is None and deadline is not None and deadline.due_at < timezone.now(),
    }
    return render(request, "planning/plans.html", context)


@login_required
def plan_document(request: AuthedRequest, code: str, year: int, kind: str) -> HttpResponse:
    """The latest version of a document; the list of both when there is none yet."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    kind = _kind(kind)
    latest = version_detail(cluster_year, kind).order_by("-number").first()
    if latest is None:
        return redirect("planning:plans", code=code, year=year)
    return redirect(_version_url(cluster_year, kind, latest.number))


def _version_context(version: PlanVersion) -> dict[str, Any]:
    return {
        "cy": version.document.cluster_year,
        "kind": version.document.kind,
        "kind_label": version.document.get_kind_display(),
        "version": version,
        "versions": list(
            PlanVersion.objects.filter(document=version.document)
            .order_by("number")
            .only("id", "number", "title", "adopted_on", "document_id")
        ),
        "threads": comment_threads(version),
        "adopt_form": AdoptForm(initial=_adopt_initial(version)),
    }


def _adopt_initial(version: PlanVersion) -> dict[str, Any]:
    initial: dict[str, Any] = {"adopted_on": timezone.localdate()}
    if version.document.kind == PlanKind.SUMMARY_REPORT:
        initial["meeting"] = _("Hội nghị tổng kết năm {year}").format(
            year=version.document.cluster_year.year
        )
    return initial


@login_required
def plan_version(
    request: AuthedRequest, code: str, year: int, kind: str, number: int
) -> HttpResponse:
    version = _version(request, code, year, kind, number)
    return render(request, "planning/version.html", _version_context(version))


@login_required
def plan_draft(request: AuthedRequest, code: str, year: int, kind: str) -> HttpResponse:
    """Start a new version (the first, or an amendment of the adopted one)."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    kind = _kind(kind)
    require(request, DRAFT_PLAN.name, cluster_year)
    latest = version_detail(cluster_year, kind).order_by("-number").first()
    if latest is not None and not latest.is_adopted:
        messages.info(
            request,
            _("Bản {number} đang là dự thảo; hãy sửa bản này.").format(number=latest.number),
        )
        return redirect("planning:plan_edit", code=code, year=year, kind=kind, number=latest.number)
    if request.method != "POST":
        form = PlanVersionForm(initial=_draft_initial(cluster_year, kind, latest))
    else:
        form = PlanVersionForm(request.POST, request.FILES)
        outcome = run_service(
            request,
            lambda: services.draft_plan_version(
                cluster_year=cluster_year,
                kind=kind,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                change_note=form.cleaned_data["change_note"],
                files=form.cleaned_data["new_files"],
                by=request.user,
            ),
            form=form,
            success=lambda draft: _(
                "Đã lưu dự thảo bản {number}. Các đơn vị thành viên có thể góp ý."
            ).format(number=draft.number),
        )
        if outcome.value is not None:
            return redirect(_version_url(cluster_year, kind, outcome.value.number))
    context = {
        "cy": cluster_year,
        "kind": kind,
        "kind_label": kind.label,
        "form": form,
        "previous": latest,
        "number": (latest.number + 1) if latest else 1,
    }
    return render(request, "planning/version_form.html", context)


def _draft_initial(
    cluster_year: ClusterYear, kind: PlanKind, latest: PlanVersion | None
) -> dict[str, Any]:
    if latest is not None:
        return {"title": latest.title, "body": latest.body}
    return {"title": _("{label} năm {year}").format(label=kind.label, year=cluster_year.year)}


@login_required
def plan_edit(request: AuthedRequest, code: str, year: int, kind: str, number: int) -> HttpResponse:
    version = _version(request, code, year, kind, number)
    require_person(request, EDIT_PLAN_VERSION.name, version)
    locked = refusal(request.user, EDIT_PLAN_VERSION.name, version)
    if locked:  # adopted: say why and where to go, change nothing
        messages.error(request, locked)
        return redirect(_url_of(version))
    attachments = PlanAttachment.objects.filter(version=version)
    if request.method != "POST":
        form = PlanVersionForm(
            initial={
                "title": version.title,
                "body": version.body,
                "change_note": version.change_note,
            },
            attachments=attachments,
        )
    else:
        form = PlanVersionForm(request.POST, request.FILES, attachments=attachments)
        outcome = run_service(
            request,
            lambda: services.update_plan_version(
                version=version,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                change_note=form.cleaned_data["change_note"],
                files=form.cleaned_data["new_files"],
                remove_attachment_ids=[a.pk for a in form.cleaned_data["remove_attachments"]],
                by=request.user,
            ),
            form=form,
            success=_("Đã lưu bản {number}.").format(number=number),
        )
        if outcome:
            return redirect(_url_of(version))
    context = {
        "cy": version.document.cluster_year,
        "kind": version.document.kind,
        "kind_label": version.document.get_kind_display(),
        "form": form,
        "version": version,
        "number": version.number,
    }
    return render(request, "planning/version_form.html", context)


@login_required
@require_POST
def plan_adopt(
    request: AuthedRequest, code: str, year: int, kind: str, number: int
) -> HttpResponse:
    version = _version(request, code, year, kind, number)
    require_person(request, ADOPT_PLAN_VERSION.name, version)
    form = AdoptForm(request.POST)
    run_service(
        request,
        lambda: services.adopt_plan_version(
            version=version,
            adopted_on=form.cleaned_data["adopted_on"],
            meeting=form.cleaned_data["meeting"],
            presented_by=form.cleaned_data["presented_by"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        form=form,
        flash=True,
        success=lambda adopted: _(
            "Đã ghi nhận thông qua bản {number} ngày {day:%d/%m/%Y}. Bản này đã được khóa."
        ).format(number=number, day=form.cleaned_data["adopted_on"]),
    )
    return redirect(_url_of(version))


@login_required
def plan_correct_adoption(
    request: AuthedRequest, code: str, year: int, kind: str, number: int
) -> HttpResponse:
    """Correct the adoption date recorded wrongly, with a reason (``planning.correct_plan_adoption``)."""
    version = _version(request, code, year, kind, number)
    require_person(request, CORRECT_PLAN_ADOPTION.name, version)
    not_now = refusal(request.user, CORRECT_PLAN_ADOPTION.name, version)
    if not_now:  # a draft: there is no date to correct
        messages.error(request, not_now)
        return redirect(_url_of(version))
    if request.method != "POST":
        form = CorrectAdoptionForm(initial={"adopted_on": version.adopted_on})
    else:
        old = version.adopted_on
        form = CorrectAdoptionForm(request.POST)
        outcome = run_service(
            request,
            lambda: services.correct_plan_adoption(
                user=request.user,
                plan=version,
                adopted_on=form.cleaned_data["adopted_on"],
                reason=form.cleaned_data["reason"],
            ),
            form=form,
            success=lambda fixed: _(
                "Đã sửa ngày thông qua bản {number} từ {old:%d/%m/%Y} thành {new:%d/%m/%Y}."
            ).format(number=number, old=old, new=fixed.adopted_on),
        )
        if outcome:
            return redirect(_url_of(version))
    context = {
        "cy": version.document.cluster_year,
        "kind": version.document.kind,
        "kind_label": version.document.get_kind_display(),
        "version": version,
        "form": form,
    }
    return render(request, "planning/adoption_correction.html", context)


@login_required
@require_POST
def plan_comment(
    request: AuthedRequest, code: str, year: int, kind: str, number: int
) -> HttpResponse:
    """Post a comment or a reply. htmx gets the refreshed comment list; others a redirect."""
    version = _version(request, code, year, kind, number)
    require_person(request, COMMENT_PLAN_VERSION.name, version)
    form = CommentForm(request.POST)
    outcome = run_service(
        request,
        lambda: services.add_plan_comment(
            version=version,
            author=request.user,
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
        ),
        form=form,
    )
    error = "" if outcome else " ".join(str(e) for errors in form.errors.values() for e in errors)
    if is_htmx(request):
        context = {**_version_context(version), "comment_error": error}
        return render(request, "planning/version.html#comments", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã gửi ý kiến."))
    return redirect(_url_of(version) + "#comments")


@login_required
def plan_attachment(
    request: AuthedRequest, *, code: str, year: int, kind: str, number: int, pk: int
) -> HttpResponseBase:
    version = _version(request, code, year, kind, number)
    attachment = get_object_for_user_or_404(PlanAttachment.objects.filter(version=version), pk=pk)
    return serve_stored_file(attachment.file, attachment.original_name)
