"""Reads of the score sheets: a unit's sheet and entries, its progress, and every sheet of a
year (a constant number of queries whatever the number of units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.scoring.enums import Section, SheetStatus
from thidua.scoring.models import CriteriaSet, Evidence, ScoreEntry, ScoreSheet
from thidua.scoring.selectors.criteria import CriteriaTable

if TYPE_CHECKING:
    from thidua.organizations.models import Organization


def sheet_for(cluster_year: ClusterYear, organization: Organization) -> ScoreSheet:
    """The unit's sheet, or an unsaved empty one (version 0) when it has not saved yet."""
    sheet = (
        ScoreSheet.objects.filter(cluster_year=cluster_year, organization=organization)
        .select_related("submitted_by", "verified_by", "last_saved_by")
        .first()
    )
    if sheet is None:
        sheet = ScoreSheet(
            cluster_year=cluster_year,
            organization=organization,
            version=0,
            status=SheetStatus.DRAFT,
        )
    sheet.cluster_year = cluster_year  # share the loaded year (and its round) with the predicates
    sheet.organization = organization
    return sheet


def entries_by_criterion(sheet: ScoreSheet) -> dict[int, ScoreEntry]:
    if sheet.pk is None:
        return {}
    entries = (
        ScoreEntry.objects.filter(sheet=sheet)
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .select_related("adjusted_by")
    )
    return {e.criterion_id: e for e in entries}


@dataclass
class Progress:
    done: int
    total: int
    missing: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def sheet_progress(
    sheet: ScoreSheet, table: CriteriaTable, entries: dict[int, ScoreEntry]
) -> Progress:
    """How far the unit is, and what is still missing before it may submit (in Vietnamese)."""
    required = table.required_criteria
    done = 0
    missing: list[str] = []
    for criterion in required:
        entry = entries.get(criterion.pk)
        if entry is not None and entry.self_value is not None:
            done += 1
        else:
            missing.append(_("Tiêu chí {code}: chưa chấm điểm.").format(code=criterion.code))
    for criterion in table.criteria:
        entry = entries.get(criterion.pk)
        if (
            criterion.evidence_required
            and entry is not None
            and entry.self_value
            and not list(entry.evidence.all())
        ):
            missing.append(
                _("Tiêu chí {code}: thiếu minh chứng (bắt buộc).").format(code=criterion.code)
            )
    if not (sheet.self_report or "").strip():
        missing.append(_("Chưa có báo cáo tự đánh giá."))
    return Progress(done=done, total=len(required), missing=missing)


def sheets_by_unit(cluster_year: ClusterYear) -> dict[int, ScoreSheet]:
    """organization id -> sheet (without the people who handed it in or verified it: the lists
    that use this show the status; one sheet's page reads them with ``sheet_for``)."""
    return {s.organization_id: s for s in ScoreSheet.objects.filter(cluster_year=cluster_year)}


def sheet_for_unsaved(cluster_year: ClusterYear, organization: Organization) -> ScoreSheet:
    return ScoreSheet(
        cluster_year=cluster_year, organization=organization, version=0, status=SheetStatus.DRAFT
    )


def progress_counts(cluster_year: ClusterYear, criteria_set: CriteriaSet) -> dict[int, int]:
    """organization id -> number of required criteria scored (one query)."""
    rows = (
        ScoreEntry.objects.filter(
            sheet__cluster_year=cluster_year,
            criterion__criteria_set=criteria_set,
            criterion__group__section=Section.NORMAL,
            self_value__isnull=False,
        )
        .values("sheet__organization_id")
        .annotate(n=Count("id"))
    )
    return {r["sheet__organization_id"]: r["n"] for r in rows}
