"""Recording a unit's self-scoring on its behalf (ghi thay đơn vị, có lý do): the unit sent its
sheet on paper only; the board enters it from the unit's filled Excel sheet and hands it in for
the unit, with a reason and the paper's reference (``clusters.on_behalf``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import clean_on_behalf, record_on_behalf
from thidua.core.permissions import check
from thidua.core.uploads import validate_upload
from thidua.organizations.models import Organization
from thidua.scoring import excel, selectors
from thidua.scoring.models import ScoreSheet
from thidua.scoring.rules import SUBMIT_SHEET_ON_BEHALF
from thidua.scoring.services.sheets import EntryInput, hand_in, write_sheet


@transaction.atomic
def submit_sheet_on_behalf(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    user: Any,
    entries: Sequence[EntryInput],
    self_report: str,
    reason: str,
    paper_ref: str,
    scan: UploadedFile | None = None,
) -> ScoreSheet:
    """Save the unit's scores and report as on its paper sheet and hand the sheet in for it
    (``scoring.submit_sheet_on_behalf``: the admin or the board officer; a draft, in time) —
    all or nothing, with the same completeness rules as the unit's own submission.

    ``scan`` (the scanned paper sheet) is kept as the evidence of every criterion that needs
    evidence and has none. Side effects: the sheet's writes and audit events as ``save_sheet``
    and ``submit_sheet`` (``scoring.sheet.save`` / ``scoring.sheet.submit``), then
    ``scoring.sheet.submit.on_behalf`` with the unit, the reason and the paper reference.
    """
    sheet = selectors.sheet_for(cluster_year, organization)
    check(user, SUBMIT_SHEET_ON_BEHALF.name, sheet)
    reason, paper_ref = clean_on_behalf(reason, paper_ref)
    sheet = write_sheet(
        sheet,
        user=user,
        expected_version=sheet.version,  # the paper is the unit's full answer
        entries=entries,
        self_report=self_report,
        evidence=_scan_as_evidence(sheet, scan),
        action="scoring.sheet.save",
    )
    sheet = hand_in(sheet, user=user)
    record_on_behalf(
        action="scoring.sheet.submit",
        obj=sheet,
        organization=organization,
        reason=reason,
        paper_ref=paper_ref,
        actor=user,
        after={"status": sheet.status, "version": sheet.version},
    )
    return sheet


def _scan_as_evidence(
    sheet: ScoreSheet, scan: UploadedFile | None
) -> dict[int, list[UploadedFile]]:
    if scan is None:
        return {}
    criteria_set = selectors.adopted_set(sheet.cluster_year)
    if criteria_set is None:
        return {}
    entries = selectors.entries_by_criterion(sheet)
    return {
        c.pk: [scan]
        for c in selectors.criteria_table(criteria_set).criteria
        if c.evidence_required and not (c.pk in entries and list(entries[c.pk].evidence.all()))
    }


def entries_from_excel(
    *, cluster_year: ClusterYear, organization: Organization, upload: Any
) -> list[EntryInput]:
    """The rows of a unit's filled Excel sheet (``excel.unit_sheet_xlsx``); all or nothing."""
    validate_upload(upload, allowed=("xlsx",), max_mb=settings.THIDUA_MAX_UPLOAD_MB)
    criteria_set = selectors.adopted_set(cluster_year)
    if criteria_set is None:
        raise ValidationError(_("Bộ tiêu chí năm nay chưa được thông qua."), code="no_criteria")
    table = selectors.criteria_table(criteria_set)
    result = excel.parse_unit_sheet(
        upload, table=table, cluster_year=cluster_year, organization=organization
    )
    return list(result.entries)
