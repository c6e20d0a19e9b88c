"""Excel imports: a unit's filled self-scoring sheet, and the criteria table of a draft set.
Both are all or nothing: one bad cell and nothing is written."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.core.uploads import validate_upload
from thidua.organizations.models import Organization
from thidua.scoring import excel, selectors
from thidua.scoring.models import CriteriaSet, ScoreSheet
from thidua.scoring.services.criteria_items import replace_criteria
from thidua.scoring.services.sheets import save_sheet


@transaction.atomic
def import_unit_sheet(
    *, cluster_year: ClusterYear, organization: Organization, user: Any, upload: Any
) -> tuple[ScoreSheet, int]:
    """Import a filled sheet (from ``excel.unit_sheet_xlsx``) into the unit's draft
    (``scoring.edit_sheet``); saved like the page does (``save_sheet``)."""
    sheet = selectors.sheet_for(cluster_year, organization)
    check(user, "scoring.edit_sheet", sheet)
    validate_upload(upload, allowed=("xlsx",), max_mb=settings.THIDUA_MAX_UPLOAD_MB)
    criteria_set = selectors.adopted_set(cluster_year)
    if criteria_set is None:
        raise ValidationError(_("Bộ tiêu chí năm nay chưa được thông qua."), code="no_criteria")
    table = selectors.criteria_table(criteria_set)
    result = excel.parse_unit_sheet(
        upload, table=table, cluster_year=cluster_year, organization=organization
    )
    # The file is the unit's deliberate full answer: it is saved on top of the current version.
    sheet = save_sheet(
        cluster_year=cluster_year,
        organization=organization,
        user=user,
        expected_version=sheet.version,
        entries=result.entries,
        action="scoring.sheet.import",
    )
    return sheet, result.rows


@transaction.atomic
def import_criteria(*, criteria_set: CriteriaSet, user: Any, upload: Any) -> CriteriaSet:
    """Replace the draft's table by the file's (``scoring.edit_criteria``), all or nothing."""
    check(user, "scoring.edit_criteria", criteria_set)
    validate_upload(upload, allowed=("xlsx",), max_mb=settings.THIDUA_MAX_UPLOAD_MB)
    groups, criteria = excel.parse_criteria(upload)
    return replace_criteria(criteria_set=criteria_set, user=user, groups=groups, criteria=criteria)
