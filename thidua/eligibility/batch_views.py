"""Batch checks: the list, the upload (a refused file shows its report row by row), a batch
with its progress bar (polled by htmx while it runs) then its results with filters, the
downloads and the cancel button. A batch the person may not see is a 404."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.core.sheets import thousands
from thidua.core.web import refusal, require, run_service
from thidua.eligibility import batch_export, rules, selectors, services
from thidua.eligibility.batch_reader import BATCH_MAX_ROWS
from thidua.eligibility.enums import VerdictChoice
from thidua.eligibility.forms import BatchForm
from thidua.eligibility.models import CheckBatch

PAGE_SIZE = 50


def _batch(request: AuthedRequest, uuid: UUID) -> CheckBatch:
    batch = get_object_for_user_or_404(selectors.batches_for_user(request.user), uuid=uuid)
    require(request, rules.VIEW_BATCH.name, batch)
    return batch


@login_required
def batch_list(request: AuthedRequest) -> HttpResponse:
    require(request, rules.RUN_BATCH.name)
    page = Paginator(selectors.batches_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "eligibility/batches.html", {"page": page})


@login_required
def batch_new(request: AuthedRequest) -> HttpResponse:
    require(request, rules.RUN_BATCH.name)
    form = BatchForm(
        request.POST or None,
        request.FILES or None,
        initial={"received_on": timezone.localdate()},
    )
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission = services.submit_batch(
            data=data["data"],
            filename=data["file"].name or "",
            received_on=data["received_on"],
            user=request.user,
        )
        if submission.batch is not None:
            return redirect("eligibility:batch", submission.batch.uuid)
        report = submission.file
    context = {"form": form, "report": report, "max_rows": thousands(BATCH_MAX_ROWS)}
    return render(request, "eligibility/batch_new.html", context)


@login_required
def batch_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    require(request, rules.RUN_BATCH.name)
    if fmt == "csv":
        content, content_type = batch_export.template_csv(), batch_export.CSV_TYPE
    elif fmt == "xlsx":
        content, content_type = batch_export.template_xlsx(), batch_export.XLSX_TYPE
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-kiem-tra.{fmt}"'
    return response


@login_required
def batch_detail(request: AuthedRequest, uuid: UUID) -> HttpResponse:
    batch = _batch(request, uuid)
    filters = selectors.ResultFilters.from_query(request.GET)
    context = {
        "batch": batch,
        "filters": filters,
        "cancel_refusal": refusal(request.user, rules.CANCEL_BATCH.name, batch),
        "verdicts": VerdictChoice.choices,
    }
    if not batch.is_open:
        results = selectors.results_of(batch, filters)
        context["page"] = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        context["choices"] = selectors.filter_choices(batch)
    return render(request, "eligibility/batch.html", context)


@login_required
def batch_progress(request: AuthedRequest, uuid: UUID) -> HttpResponse:
    """The progress bar alone (htmx polls it every 2 s); once the batch has ended, the page
    reloads itself (``HX-Refresh``) to show the results."""
    batch = _batch(request, uuid)
    response = render(request, "eligibility/_batch_progress.html", {"batch": batch})
    if not batch.is_open:
        response["HX-Refresh"] = "true"
    return response


@login_required
def batch_download(request: AuthedRequest, uuid: UUID, fmt: str) -> HttpResponse:
    batch = _batch(request, uuid)
    name = f"ket-qua-{batch.uuid}.{fmt}"
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            batch_export.csv_chunks(batch), content_type=batch_export.CSV_TYPE
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            batch_export.results_xlsx(batch), content_type=batch_export.XLSX_TYPE
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response  # type: ignore[return-value]


@login_required
@require_POST
def batch_cancel(request: AuthedRequest, uuid: UUID) -> HttpResponse:
    batch = _batch(request, uuid)
    run_service(
        request,
        lambda: services.cancel_batch(batch=batch, user=request.user),
        success=_("Đã hủy đợt kiểm tra."),
    )
    return redirect("eligibility:batch", batch.uuid)
