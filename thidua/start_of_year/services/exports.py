"""Background exports (``ExportJob``): queue one with the page's filters, run it (the task
``tasks.run_export``), remove the old ones.

- ``queue_export``: the kind's permission first, the filters checked against the requester's
  scope (``ValidationError``: nothing queued), then the job (audit ``start_of_year.export_queued``)
  and, after the commit, the task.
- ``execute_export``: claims a queued job, checks the permission and the filters again with the
  stored requester (a role lost meanwhile fails the job), builds the file with the requester's
  scope, saves it in the default storage (``STORAGES["default"]``, shared by every app server),
  counting the rows written every ``exports.PROGRESS_EVERY`` rows; audit
  ``start_of_year.export_done``. Any error leaves the job ``failed`` with a Vietnamese message.
- Jobs older than ``EXPORT_MAX_AGE`` and their files are removed whenever an export is queued.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.core.replica import reports_reads
from thidua.start_of_year.enums import ExportStatus
from thidua.start_of_year.export_jobs import EXPORTS
from thidua.start_of_year.models import ExportJob

if TYPE_CHECKING:
    from thidua.accounts.models import User

log = logging.getLogger(__name__)

EXPORT_MAX_AGE = dt.timedelta(days=7)


@transaction.atomic
def queue_export(*, user: User, kind: str, data: dict[str, Any]) -> ExportJob:
    """A job building the export ``kind`` with the filters ``data`` (a page's query)."""
    export = EXPORTS.get(kind)
    if export is None:
        raise ValidationError(_("Không có loại tệp xuất này."))
    check(user, export.permission)
    parameters = export.parameters(user, data)
    remove_expired()
    job = ExportJob.objects.create(
        kind=kind,
        requested_by=user,
        parameters={**parameters, "language": translation.get_language() or "vi"},
    )
    record_event(
        action="start_of_year.export_queued",
        obj=job,
        object_repr=str(job),
        after={"kind": kind, **parameters},
        actor=user,
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from thidua.start_of_year.tasks import run_export  # the task imports this module

    run_export.enqueue(job_id)


def remove_expired(*, now: dt.datetime | None = None) -> int:
    """Jobs (and their files) created more than ``EXPORT_MAX_AGE`` ago; returns how many."""
    old = list(ExportJob.objects.filter(created_at__lt=(now or timezone.now()) - EXPORT_MAX_AGE))
    names = [str(job.file.name) for job in old if job.file]
    if names:
        transaction.on_commit(lambda: _delete_files(names))
    ExportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)  # absent already (another server): nothing happens


def execute_export(job_id: int) -> str:
    """The task's work; returns the final status ("skipped" when the job was not queued)."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING
    )
    if not claimed:
        return "skipped"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    with translation.override(job.parameters.get("language") or "vi"):
        try:
            _run(job)
        except (PermissionDenied, ValidationError) as exc:
            reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            _fail(job, _("Không tạo được tệp: %(reason)s") % {"reason": reason})
            return ExportStatus.FAILED
        except Exception:  # any failure must leave a clear state
            log.exception("export %s failed", job.uuid)
            _fail(
                job,
                _(
                    "Không tạo được tệp do lỗi của hệ thống. Hãy bấm “Xuất Excel” lại; "
                    "nếu vẫn lỗi, hãy báo quản trị hệ thống."
                ),
            )
            return ExportStatus.FAILED
    return ExportStatus.DONE


def _run(job: ExportJob) -> None:
    export = EXPORTS[job.kind]
    user = job.requested_by
    check(user, export.permission)
    parameters = export.parameters(user, job.parameters)

    def progress(done: int, total: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    # the rows are read from the reports replica when one is configured (core.replica); the
    # progress updates are writes, so they go to the primary
    with reports_reads():
        built = export.build(user, progress=progress, **parameters)
    job.file.save(job.uuid.hex, ContentFile(built.content), save=False)
    with transaction.atomic():
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.DONE,
            file=job.file.name,
            filename=built.filename,
            done=built.rows,
            total=built.rows,
            finished_at=timezone.now(),
        )
        record_event(
            action="start_of_year.export_done",
            obj=job,
            object_repr=str(job),
            after={"kind": job.kind, "rows": built.rows, "file": built.filename},
            actor=user,
        )


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
    )
