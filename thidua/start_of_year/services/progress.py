"""Progress reports (báo cáo tiến độ) on a model or a topic of an accepted registration, with
evidence files. A report after the progress deadline is kept and marked late."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.core.permissions import check
from thidua.core.uploads import EVIDENCE_TYPES, validate_upload
from thidua.start_of_year.models import EmulationModel, Evidence, ProgressUpdate, Topic
from thidua.start_of_year.rules import REPORT_PROGRESS
from thidua.start_of_year.services.common import require_text
from thidua.start_of_year.services.registered_items import kind_of

if TYPE_CHECKING:
    from thidua.accounts.models import User

MAX_FILES_PER_UPDATE = 10


def _check_files(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_FILES_PER_UPDATE:
        raise ValidationError(
            _("Mỗi lần báo cáo đính kèm tối đa {max} tệp.").format(max=MAX_FILES_PER_UPDATE),
            code="too_many_files",
        )
    for upload in files:
        validate_upload(upload, allowed=EVIDENCE_TYPES, max_mb=settings.THIDUA_MAX_UPLOAD_MB)


@transaction.atomic
def post_progress(
    *,
    item: EmulationModel | Topic,
    by: User,
    text: str,
    files: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """A unit reports progress on one of its models or topics, with evidence files.

    Side effects: creates the ``ProgressUpdate`` (``after_deadline`` when the progress step is
    closed for the unit) and one ``Evidence`` per file, stored under a random name; audit event
    ``registration.progress.add``.
    """
    registration = item.registration
    check(by, REPORT_PROGRESS.name, registration)
    text = require_text(text, _("Hãy nhập kết quả thực hiện."))
    _check_files(files)
    now = timezone.now()
    late = not is_step_open(
        cluster_year=registration.cluster_year,
        step=CycleStep.PROGRESS,
        organization=registration.organization,
        at=now,
    )
    update = ProgressUpdate.objects.create(
        registration=registration,
        emulation_model=item if isinstance(item, EmulationModel) else None,
        topic=item if isinstance(item, Topic) else None,
        text=text,
        reported_at=now,
        author=by,
        after_deadline=late,
    )
    names = []
    for upload in files:
        evidence = Evidence(progress=update)
        evidence.set_upload(upload, by=by)
        evidence.save()
        names.append(evidence.original_name)
    record_event(
        action="registration.progress.add",
        obj=update,
        after={
            "kind": kind_of(item),
            "item_id": item.pk,
            "text": text,
            "files": names,
            "after_deadline": late,
        },
    )
    return update
