"""The scoring section of a cluster-year page and the home-page panels. Each runs a constant
number of queries (one to three) whatever the size of the cluster."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import UNIT_ROLES, Role
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.clusters.selectors import managed_cluster_years
from thidua.scoring.enums import CriteriaSetStatus, RoundStatus, Section, SheetStatus
from thidua.scoring.models import CriteriaSet, Criterion, ScoreEntry, ScoreSheet, ScoringRound


def cluster_year_section(request: HttpRequest, cluster_year: Any) -> dict[str, str] | None:
    """“Chấm điểm thi đua” on the cluster-year page, e.g. “5/7 đơn vị đã nộp tự chấm · chưa
    phê duyệt”. One query."""
    url = reverse("scoring:overview", args=[cluster_year.cluster.code, cluster_year.year])
    sets = CriteriaSet.objects.filter(cluster_year=OuterRef("pk"))
    submitted = (
        ScoreSheet.objects.filter(
            cluster_year=OuterRef("pk"),
            status__in=[SheetStatus.SUBMITTED, SheetStatus.VERIFIED],
        )
        .order_by()
        .values("cluster_year")
        .annotate(n=Count("pk"))
        .values("n")
    )
    state: Any = (
        ClusterYear.objects.filter(pk=cluster_year.pk)
        .annotate(
            has_set=Exists(sets),
            adopted=Exists(sets.filter(status=CriteriaSetStatus.ADOPTED)),
            approved=Exists(
                ScoringRound.objects.filter(
                    cluster_year=OuterRef("pk"), status=RoundStatus.APPROVED
                )
            ),
            submitted=Subquery(submitted, output_field=IntegerField()),
        )
        .values("has_set", "adopted", "approved", "submitted")
        .first()
    ) or {}
    title = _("Chấm điểm thi đua")
    if not state.get("adopted"):
        summary = (
            _("Bộ tiêu chí đang dự thảo, chưa thông qua")
            # a member unit is not told of a draft (``selectors.criteria_sets_visible_to``)
            if state.get("has_set")
            and request.user.has_perm("scoring.view_draft_criteria", cluster_year)
            else _("Chưa có bộ tiêu chí chấm điểm")
        )
        return {"title": title, "url": url, "summary": summary}
    summary = _("{done}/{total} đơn vị đã nộp tự chấm · {state}").format(
        done=state.get("submitted") or 0,
        total=len(cluster_year.memberships.all()),
        state=_("đã phê duyệt kết quả") if state.get("approved") else _("chưa phê duyệt"),
    )
    return {"title": title, "url": url, "summary": summary}


def pending_sheet_panel(request: HttpRequest) -> dict[str, Any] | None:
    """For a unit's users: its self-scoring sheet still to finish and submit (one query)."""
    user: Any = request.user
    if not user.is_authenticated or user.role not in UNIT_ROLES or not user.organization_id:
        return None
    sheet = _draft_sheet_to_finish(user.organization_id)
    if sheet is None:
        return None
    cy = sheet.cluster_year
    summary = _("{cluster} — năm {year}: đã chấm {done}/{total} tiêu chí, chưa nộp").format(
        cluster=cy.cluster.name, year=cy.year, done=sheet.done, total=sheet.total or 0
    )
    if sheet.due_at:
        summary += " · " + _("hạn {due}").format(
            due=timezone.localtime(sheet.due_at).strftime("%d/%m/%Y")
        )
    return {
        "title": _("Bảng tự chấm điểm chưa nộp"),
        "url": reverse("scoring:sheet", args=[cy.cluster.code, cy.year, sheet.organization.code]),
        "summary": summary,
    }


def _draft_sheet_to_finish(organization_id: int) -> Any:
    """The unit's newest draft sheet of a year whose criteria are adopted and whose round is not
    approved, with ``done``/``total`` normal criteria and the self-scoring ``due_at``; or None."""
    required = (
        Criterion.objects.filter(
            criteria_set__cluster_year=OuterRef("cluster_year"),
            criteria_set__status=CriteriaSetStatus.ADOPTED,
            group__section=Section.NORMAL,
        )
        .order_by()
        .values("criteria_set__cluster_year")
        .annotate(n=Count("pk"))
        .values("n")
    )
    due = Deadline.objects.filter(
        cluster_year=OuterRef("cluster_year"), step=CycleStep.SELF_SCORING
    ).values("due_at")[:1]
    done = (
        ScoreEntry.objects.filter(
            sheet=OuterRef("pk"),
            self_value__isnull=False,
            criterion__group__section=Section.NORMAL,
            criterion__criteria_set__status=CriteriaSetStatus.ADOPTED,
        )
        .order_by()
        .values("sheet")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Correlated subqueries rather than joins and a GROUP BY over them: the database plans them
    # in a fraction of the time (the rows are a handful either way).
    return (
        ScoreSheet.objects.filter(organization_id=organization_id, status=SheetStatus.DRAFT)
        .filter(
            Exists(
                CriteriaSet.objects.filter(
                    cluster_year=OuterRef("cluster_year"), status=CriteriaSetStatus.ADOPTED
                )
            )
        )
        .exclude(
            Exists(
                ScoringRound.objects.filter(
                    cluster_year=OuterRef("cluster_year"), status=RoundStatus.APPROVED
                )
            )
        )
        .select_related("cluster_year__cluster", "organization")
        .annotate(
            done=Coalesce(Subquery(done, output_field=IntegerField()), 0),
            total=Subquery(required, output_field=IntegerField()),
            due_at=Subquery(due),
        )
        .order_by("-cluster_year__year")
        .first()
    )


def verification_panel(request: HttpRequest) -> dict[str, Any] | None:
    """For the head unit's secretariat: sheets submitted and waiting for verification in the
    years it runs."""
    user: Any = request.user
    if not user.is_authenticated or user.role != Role.CLUSTER_SECRETARIAT:
        return None
    waiting = (
        ScoreSheet.objects.filter(
            cluster_year__in=managed_cluster_years(user).values("pk"),
            status=SheetStatus.SUBMITTED,
        )
        .exclude(cluster_year__scoring_round__status=RoundStatus.APPROVED)
        .values("cluster_year__cluster__code", "cluster_year__cluster__name", "cluster_year__year")
        .annotate(n=Count("pk"))
        .order_by("-cluster_year__year")
        .first()
    )
    if not waiting:
        return None
    return {
        "title": _("Bảng điểm chờ thẩm định"),
        "url": reverse(
            "scoring:overview",
            args=[waiting["cluster_year__cluster__code"], waiting["cluster_year__year"]],
        ),
        "summary": _("{cluster} — năm {year}: {n} bảng điểm đã nộp").format(
            cluster=waiting["cluster_year__cluster__name"],
            year=waiting["cluster_year__year"],
            n=waiting["n"],
        ),
    }
