"""Background exports: “Xuất Excel” on the roll-up and follow-up pages queues a job with the
page's filters; the job's page shows its progress (polled by htmx while it runs), then the
download link or why it failed; “Các tệp đã xuất” lists the person's own jobs. A job of someone
else is a 404."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest, get_object_for_user_or_404, serve_stored_file
from thidua.core.web import require, run_service
from thidua.start_of_year.enums import ExportStatus
from thidua.start_of_year.export_jobs import EXPORTS, kind_label
from thidua.start_of_year.models import ExportJob
from thidua.start_of_year.rules import DOWNLOAD_EXPORT
from thidua.start_of_year.selectors import export_jobs_for_user
from thidua.start_of_year.services import exports as services

PAGE_SIZE = 20
FILTERS = ("year", "authority", "cluster", "kind")


def _job(request: AuthedRequest, uuid: UUID) -> ExportJob:
    job = get_object_for_user_or_404(export_jobs_for_user(request.user), uuid=uuid)
    require(request, DOWNLOAD_EXPORT.name, job)
    return job


@login_required
@require_POST
def export_queue(request: AuthedRequest, kind: str) -> HttpResponse:
    """Queue the export ``kind`` with the filters posted by its page; bad filters go back to
    the page with the reason, and nothing is queued."""
    export = EXPORTS.get(kind)
    if export is None:
        raise Http404
    require(request, export.permission)
    data = {key: request.POST.get(key, "") for key in FILTERS}
    outcome = run_service(
        request, lambda: services.queue_export(user=request.user, kind=kind, data=data)
    )
    if outcome.ok and outcome.value is not None:
        return redirect("start_of_year:export", outcome.value.uuid)
    query = urlencode({key: value for key, value in data.items() if value})
    return redirect(reverse(export.page) + (f"?{query}" if query else ""))


@login_required
def export_list(request: AuthedRequest) -> HttpResponse:
    """The person's own exports, newest first."""
    page = Paginator(export_jobs_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "start_of_year/exports.html", {"page": page})


@login_required
def export_detail(request: AuthedRequest, uuid: UUID) -> HttpResponse:
    job = _job(request, uuid)
    context = {"job": job, "kind_label": kind_label(job.kind, job.parameters)}
    return render(request, "start_of_year/export.html", context)


@login_required
def export_progress(request: AuthedRequest, uuid: UUID) -> HttpResponse:
    """The progress bar alone (htmx polls it every second); once the job has ended, the page
    reloads itself (``HX-Refresh``) to show the link or the error."""
    job = _job(request, uuid)
    response = render(request, "start_of_year/_export_progress.html", {"job": job})
    if not job.is_open:
        response["HX-Refresh"] = "true"
    return response


@login_required
def export_download(request: AuthedRequest, uuid: UUID) -> FileResponse:
    job = _job(request, uuid)
    if job.status != ExportStatus.DONE:
        raise Http404
    return serve_stored_file(job.file, job.filename)
