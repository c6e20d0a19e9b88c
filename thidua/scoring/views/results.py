"""The scoring overview of a cluster year, its settings, the ranking (approve / reopen) and the
Excel score table. Pages that only show ask their permission (``core.web.require``: 403 with the
reason); actions ask who may take them (``require_person``) and leave a refusal by state
(approved results) to the service, whose reason the person reads where they work."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import Deadline
from thidua.clusters.selectors import cluster_year_or_404, cluster_year_units
from thidua.core.http import AuthedRequest
from thidua.core.web import flash_errors, refusal, require, require_person, run_service
from thidua.documents.registry import UNDATED_WARNING
from thidua.organizations.models import Organization
from thidua.organizations.selectors import runners_of_year_subquery
from thidua.scoring import excel, selectors
from thidua.scoring.documents import SCORE_MATRIX, SCORE_SUMMARY
from thidua.scoring.enums import (
    TIE_BREAK_BONUS,
    TIE_BREAK_GROUP_PREFIX,
    TIE_BREAK_PENALTY,
    Section,
    SheetStatus,
)
from thidua.scoring.forms import ApproveForm, ReasonForm, RoundSettingsForm
from thidua.scoring.selectors import scoring_cluster_years
from thidua.scoring.services import results as services
from thidua.scoring.services.common import scoring_defaults
from thidua.scoring.templatetags.scoring import points
from thidua.scoring.views.common import nav_context, xlsx_response


@login_required
def overview(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    adopted, draft, total = selectors.adopted_and_draft(cy)
    # A member unit learns nothing of a draft set (``criteria_sets_visible_to``).
    if draft is not None and not request.user.has_perm("scoring.view_draft_criteria", cy):
        draft = None
    sheets = selectors.sheets_by_unit(cy)
    done = selectors.progress_counts(cy, adopted) if adopted else {}
    labels = {value: str(label) for value, label in SheetStatus.choices}
    units = []
    for membership in cy.memberships.all():
        org = membership.organization
        sheet = sheets.get(org.pk) or selectors.sheet_for_unsaved(cy, org)
        sheet.cluster_year, sheet.organization = cy, org
        if not request.user.has_perm("scoring.view_sheet", sheet):
            continue
        can_verify = request.user.has_perm("scoring.view_verification", sheet)
        units.append(
            {
                "unit": org,
                "sheet": sheet,
                "done": done.get(org.pk, 0),
                "status_label": labels.get(sheet.status, sheet.status),
                "sheet_url": reverse("scoring:sheet", args=[cy.cluster.code, cy.year, org.code]),
                "verify_url": reverse("scoring:verify", args=[cy.cluster.code, cy.year, org.code])
                if can_verify
                else "",
            }
        )
    deadlines = {d.step: d for d in Deadline.objects.filter(cluster_year=cy)}
    context = {
        **nav_context(request, cy, "overview"),
        "adopted": adopted,
        "draft": draft,
        "units": units,
        "total": total,
        "submitted": sum(1 for s in sheets.values() if not s.is_draft),
        "member_count": len(cy.memberships.all()),
        "self_deadline": deadlines.get(CycleStep.SELF_SCORING),
        "verify_deadline": deadlines.get(CycleStep.VERIFICATION),
    }
    return render(request, "scoring/overview.html", context)


def _team_users(cy: Any) -> Any:
    return (
        User.objects.filter(
            Q(organization__cluster_memberships__cluster_year=cy)
            | Q(
                # the board officers of the authority running this year (a successor's too)
                authority_id__in=runners_of_year_subquery(cy.cluster.authority_id, cy.year),
                role=Role.BOARD_OFFICER,
            )
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _team_units(cy: Any) -> QuerySet[Organization]:
    return cluster_year_units(cy)


def _settings_initial(cy: Any) -> tuple[dict[str, Any], str]:
    """The form's values: the round's, or before the round exists the defaults of the rule set
    in force (``ValidationError`` when none is in force)."""
    scoring_round = selectors.round_or_none(cy)
    if scoring_round is not None:
        return {
            "verification_mode": scoring_round.verification_mode,
            "aggregation": scoring_round.aggregation,
            "outlier_mad_k": scoring_round.outlier_mad_k,
            "outlier_gap_points": scoring_round.outlier_gap_points,
            "bands": services.bands_text(scoring_round.bands),
            "tie_break": ", ".join(scoring_round.tie_break),
            "verifier_units": list(scoring_round.verifier_units.all()),
            "verifier_users": list(scoring_round.verifier_users.all()),
        }, scoring_round.defaults_source
    defaults, source = scoring_defaults(cy)
    return {
        "aggregation": defaults["aggregation"],
        "outlier_mad_k": Decimal(str(defaults["outlier_mad_k"])),
        "outlier_gap_points": Decimal(str(defaults["outlier_gap_points"])),
        "bands": services.bands_text(defaults["bands"]),
        "tie_break": ", ".join(defaults["tie_break"]),
    }, source


@login_required
def settings_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require_person(request, "scoring.manage_round", cy)
    try:
        initial, source = _settings_initial(cy)
    except ValidationError as exc:  # no rule set in force: say so (saving says it again)
        initial, source = {}, ""
        if request.method != "POST":
            flash_errors(request, exc)
    form = RoundSettingsForm(
        request.POST or None,
        units=_team_units(cy),
        users=_team_users(cy),
        kind=cy.cluster.kind,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.update_round_settings(
                cluster_year=cy,
                user=request.user,
                verification_mode=form.cleaned_data["verification_mode"],
                aggregation=form.cleaned_data["aggregation"],
                outlier_mad_k=form.cleaned_data["outlier_mad_k"],
                outlier_gap_points=form.cleaned_data["outlier_gap_points"],
                bands=form.cleaned_data["bands"],
                tie_break=form.cleaned_data["tie_break"],
                verifier_users=list(form.cleaned_data["verifier_users"]),
                verifier_units=list(form.cleaned_data["verifier_units"]),
            ),
            form=form,
            success=_("Đã lưu cấu hình chấm điểm."),
        )
        if outcome:
            return redirect("scoring:settings", code, year)
        status = 400
    context = {
        **nav_context(request, cy, "settings"),
        "form": form,
        "source": source,
        "refusal": refusal(request.user, "scoring.manage_round", cy),
    }
    return render(request, "scoring/settings.html", context, status=status)


def tie_break_text(keys: list[str], table: selectors.CriteriaTable | None) -> str:
    """The configured tie-break order in words, e.g. "điểm nhóm I cao hơn; ít điểm trừ hơn"."""
    names = {g.code: g for g in table.top_groups} if table else {}
    parts = []
    for key in keys:
        if key.startswith(TIE_BREAK_GROUP_PREFIX):
            code = key[len(TIE_BREAK_GROUP_PREFIX) :]
            if code in names:
                parts.append(_("điểm nhóm {code} cao hơn").format(code=code))
        elif key == TIE_BREAK_BONUS:
            parts.append(_("nhiều điểm thưởng hơn"))
        elif key == TIE_BREAK_PENALTY:
            parts.append(_("ít điểm trừ hơn"))
    return "; ".join(parts) or _("không có tiêu chí phụ")


def _ranking_rows(
    cy: Any, data: selectors.RankingData, normal_groups: list[Any]
) -> list[dict[str, Any]]:
    """The ranking table's cells as plain values (the points as text, each unit's link): the
    template prints them, without resolving and filtering every cell."""
    rows = []
    for line in data.lines:
        score = line.row.score
        rows.append(
            {
                "rank": line.row.rank,
                "tied": line.row.tied,
                "name": line.organization.name,
                "url": reverse(
                    "scoring:sheet", args=[cy.cluster.code, cy.year, line.organization.code]
                ),
                "groups": [points(score.group_scores.get(g.code)) for g in normal_groups],
                "bonus": points(score.bonus),
                "penalty": points(score.penalty),
                "self_total": points(line.self_score.total),
                "total": points(score.total),
                "classification": line.row.classification,
            }
        )
    return rows


@login_required
def ranking_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require(request, "scoring.view_ranking", cy)
    data = selectors.ranking_data(cy)
    waiting = data.table is not None and data.scoring_round is not None and not data.approved
    normal_groups = (
        [g for g in data.table.top_groups if g.section == Section.NORMAL] if data.table else []
    )
    context = {
        **nav_context(request, cy, "ranking"),
        "data": data,
        "normal_groups": normal_groups,
        "rows": _ranking_rows(cy, data, normal_groups),
        "tie_break_text": tie_break_text(data.tie_break, data.table),
        "blockers": services.approval_blockers(cy, data.scoring_round, data=data)
        if waiting and data.scoring_round is not None
        else [],
        "approve_form": ApproveForm(),
        "reopen_form": ReasonForm(),
        "score_summary": SCORE_SUMMARY,
        "score_matrix": SCORE_MATRIX,
        # Before approval the summary has no date: it prints blanks (no extra query here).
        "score_summary_undated": not (
            data.approved and data.scoring_round is not None and data.scoring_round.approved_at
        ),
        "undated_warning": UNDATED_WARNING,
    }
    return render(request, "scoring/ranking.html", context)


@login_required
@require_POST
def approve(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require_person(request, "scoring.approve_results", cy)
    form = ApproveForm(request.POST)
    run_service(
        request,
        lambda: services.approve_results(
            cluster_year=cy,
            user=request.user,
            note=form.cleaned_data["note"],
            approved_on=form.cleaned_data["approved_on"],
        ),
        form=form,
        flash=True,
        success=_("Đã phê duyệt và khóa kết quả chấm điểm."),
    )
    return redirect("scoring:ranking", code, year)


@login_required
@require_POST
def reopen_results(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require_person(request, "scoring.reopen_results", cy)
    form = ReasonForm(request.POST)
    run_service(
        request,
        lambda: services.reopen_results(
            cluster_year=cy, user=request.user, reason=form.cleaned_data["reason"]
        ),
        form=form,
        flash=True,
        success=_("Đã mở lại kết quả chấm điểm."),
    )
    return redirect("scoring:ranking", code, year)


@login_required
def export_xlsx(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require(request, "scoring.view_ranking", cy)
    content = excel.score_table_xlsx(selectors.ranking_data(cy))
    return xlsx_response(content, f"bang-diem-{cy.cluster.code}-{cy.year}.xlsx")
