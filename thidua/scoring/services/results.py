"""The year's scoring settings, and the results: approval (locks and stores the ranking) and
reopening by a board officer with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.scoring import selectors
from thidua.scoring.enums import (
    TIE_BREAK_BONUS,
    TIE_BREAK_GROUP_PREFIX,
    TIE_BREAK_PENALTY,
    Aggregation,
    RoundStatus,
    SheetStatus,
    VerificationMode,
)
from thidua.scoring.models import CriteriaGroup, CriteriaSet, ResultRow, ScoringRound
from thidua.scoring.services.common import ensure_round
from thidua.scoring.validators import parse_decimal, points_text
from thidua.scoring.workflow import check_transition

ROUND_FIELDS = [
    "verification_mode",
    "aggregation",
    "outlier_mad_k",
    "outlier_gap_points",
    "bands",
    "tie_break",
]


def parse_bands(text: str) -> list[dict[str, str]]:
    """Lines "Xuất sắc: 90" → [{"label": "Xuất sắc", "min": "90"}, …], highest first."""
    bands: list[dict[str, str]] = []
    for line in text.replace(";", "\n").splitlines():
        if not line.strip():
            continue
        if ":" not in line:
            raise ValidationError(
                _(
                    "Dòng xếp loại “{line}” phải có dạng Tên: điểm tối thiểu, ví dụ Xuất sắc: 90."
                ).format(line=line.strip()),
                code="bad_band",
            )
        label, raw = line.rsplit(":", 1)
        minimum = parse_decimal(raw, label=label.strip() or _("Xếp loại"))
        if not label.strip() or minimum is None or minimum < 0:
            raise ValidationError(
                _("Dòng xếp loại “{line}” không hợp lệ.").format(line=line.strip()),
                code="bad_band",
            )
        bands.append({"label": label.strip(), "min": str(minimum)})
    if not bands:
        raise ValidationError(_("Cần ít nhất một mức xếp loại."), code="no_bands")
    if len({b["min"] for b in bands}) != len(bands) or len({b["label"] for b in bands}) != len(
        bands
    ):
        raise ValidationError(
            _("Các mức xếp loại phải khác tên và khác điểm tối thiểu."), code="duplicate_band"
        )
    return sorted(bands, key=lambda b: Decimal(b["min"]), reverse=True)


def bands_text(bands: Iterable[dict[str, Any]]) -> str:
    return "\n".join(f"{b['label']}: {points_text(Decimal(str(b['min'])))}" for b in bands)


def parse_tie_break(text: str) -> list[str]:
    """ "group:I, group:II, penalty, bonus" → the ordered keys (see ``ranking``)."""
    keys = [k.strip() for k in text.replace("\n", ",").split(",") if k.strip()]
    for key in keys:
        valid = key in (TIE_BREAK_BONUS, TIE_BREAK_PENALTY) or (
            key.startswith(TIE_BREAK_GROUP_PREFIX) and len(key) > len(TIE_BREAK_GROUP_PREFIX)
        )
        if not valid:
            raise ValidationError(
                _(
                    "Tiêu chí phân hạng “{key}” không hợp lệ. Dùng group:<mã nhóm> (điểm nhóm cao "
                    "hơn xếp trên), bonus (điểm thưởng cao hơn), penalty (điểm trừ ít hơn)."
                ).format(key=key),
                code="bad_tie_break",
            )
    if len(set(keys)) != len(keys):
        raise ValidationError(_("Tiêu chí phân hạng bị lặp."), code="duplicate_tie_break")
    return keys


def _check_against_criteria(
    cluster_year: ClusterYear, bands: list[dict[str, str]], tie_break: list[str]
) -> None:
    """Bands no higher than the highest total possible (scale + bonus cap) and tie-break groups
    that exist, measured on the year's latest criteria set (none yet: nothing to measure)."""
    criteria_set = (
        CriteriaSet.objects.filter(cluster_year=cluster_year).order_by("-version").first()
    )
    if criteria_set is None:
        return
    ceiling = criteria_set.max_total + criteria_set.bonus_cap
    for band in bands:
        if Decimal(str(band["min"])) > ceiling:
            raise ValidationError(
                _(
                    "Mức xếp loại “{label}” ({min}) cao hơn tổng điểm tối đa có thể đạt ({max}: "
                    "thang điểm cộng điểm thưởng tối đa)."
                ).format(
                    label=band["label"],
                    min=points_text(Decimal(str(band["min"]))),
                    max=points_text(ceiling),
                ),
                code="band_above_max",
            )
    codes = set(
        CriteriaGroup.objects.filter(criteria_set=criteria_set).values_list("code", flat=True)
    )
    for key in tie_break:
        if (
            key.startswith(TIE_BREAK_GROUP_PREFIX)
            and key[len(TIE_BREAK_GROUP_PREFIX) :] not in codes
        ):
            raise ValidationError(
                _("Tiêu chí phân hạng “{key}”: bộ tiêu chí không có nhóm “{code}”.").format(
                    key=key, code=key[len(TIE_BREAK_GROUP_PREFIX) :]
                ),
                code="unknown_tie_break_group",
            )


@transaction.atomic
def update_round_settings(
    *,
    cluster_year: ClusterYear,
    user: Any,
    verification_mode: str,
    aggregation: str,
    outlier_mad_k: Decimal | None,
    outlier_gap_points: Decimal | None,
    bands: list[dict[str, str]],
    tie_break: list[str],
    verifier_users: Sequence[Any] = (),
    verifier_units: Sequence[Organization] = (),
) -> ScoringRound:
    """The year's scoring settings (``scoring.manage_round``): the round is created with the
    rule-set defaults the first time, then changed; one audit event."""
    check(user, "scoring.manage_round", cluster_year)
    if verification_mode not in VerificationMode.values or aggregation not in Aggregation.values:
        raise ValidationError(_("Hình thức thẩm định không hợp lệ."), code="bad_mode")
    for value in (outlier_mad_k, outlier_gap_points):
        if value is not None and value < 0:
            raise ValidationError(_("Ngưỡng phát hiện điểm bất thường không được âm."))
    member_ids = {m.organization_id for m in cluster_year.memberships.all()}
    if any(unit.pk not in member_ids for unit in verifier_units):
        raise ValidationError(
            _("Đơn vị trong tổ thẩm định phải là thành viên của {noun}.").format(
                noun=cluster_year.noun
            )
        )
    if verification_mode == VerificationMode.TEAM and not (verifier_users or verifier_units):
        raise ValidationError(
            _("Cần chọn ít nhất một người hoặc một đơn vị cho tổ thẩm định."),
            code="empty_team",
        )
    _check_against_criteria(cluster_year, bands, tie_break)
    scoring_round = ensure_round(cluster_year)
    before = snapshot(scoring_round, ROUND_FIELDS)
    scoring_round.verification_mode = verification_mode
    scoring_round.aggregation = aggregation
    scoring_round.outlier_mad_k = outlier_mad_k
    scoring_round.outlier_gap_points = outlier_gap_points
    scoring_round.bands = bands
    scoring_round.tie_break = tie_break
    scoring_round.save()
    scoring_round.verifier_users.set(verifier_users)
    scoring_round.verifier_units.set(verifier_units)
    record_event(
        action="scoring.round.settings",
        obj=scoring_round,
        before=before,
        after={
            **snapshot(scoring_round, ROUND_FIELDS),
            "verifier_users": sorted(u.pk for u in verifier_users),
            "verifier_units": sorted(o.pk for o in verifier_units),
        },
    )
    return scoring_round


def approval_blockers(
    cluster_year: ClusterYear,
    scoring_round: ScoringRound,
    *,
    data: selectors.RankingData | None = None,
) -> list[str]:
    """Why the results cannot be approved yet (empty: they can). ``data``: the ranking already
    loaded by the caller, to save its queries."""
    if data is not None and data.table is not None:
        statuses = data.sheet_statuses
    else:
        if selectors.adopted_set(cluster_year) is None:
            return [_("Bộ tiêu chí chưa được thông qua.")]
        statuses = {
            org_id: sheet.status for org_id, sheet in selectors.sheets_by_unit(cluster_year).items()
        }
    needed = (
        {SheetStatus.SUBMITTED, SheetStatus.VERIFIED}
        if scoring_round.verification_mode == VerificationMode.CROSS
        else {SheetStatus.VERIFIED}
    )
    blockers = []
    members = sorted(cluster_year.memberships.all(), key=lambda m: m.organization.sort_key)
    for membership in members:
        status = statuses.get(membership.organization_id, SheetStatus.DRAFT)
        if status == SheetStatus.DRAFT:
            blockers.append(
                _("{unit} chưa nộp bảng tự chấm điểm.").format(unit=membership.organization.name)
            )
        elif status not in needed:
            blockers.append(
                _("Bảng điểm của {unit} chưa được xác nhận thẩm định.").format(
                    unit=membership.organization.name
                )
            )
    return blockers


def _status(cluster_year: ClusterYear) -> str:
    scoring_round = selectors.round_or_none(cluster_year)
    return scoring_round.status if scoring_round is not None else RoundStatus.OPEN


def _summary(rows: Iterable[ResultRow]) -> list[list[Any]]:
    return [[r.rank, r.organization_id, str(r.total), r.classification] for r in rows]


def _approval_day(cluster_year: ClusterYear, approved_on: dt.date | None) -> dt.date:
    approved_on = approved_on or timezone.localdate()
    if approved_on > timezone.localdate() or approved_on.year < cluster_year.year:
        raise ValidationError(
            _("Ngày thông qua phải trong khoảng từ năm {year} đến hôm nay.").format(
                year=cluster_year.year
            ),
            code="approved_on",
        )
    return approved_on


@transaction.atomic
def approve_results(
    *,
    cluster_year: ClusterYear,
    user: Any,
    note: str = "",
    approved_on: dt.date | None = None,
) -> ScoringRound:
    """Phê duyệt (``scoring.approve_results``): store each unit's rank, total and class in
    result rows, and lock the year's scoring; one audit event with the results. ``approved_on``
    is the day of the approving meeting (today when not given; never after today, never before
    the year scored): the date the score summary carries."""
    check_transition("results.approve", obj=cluster_year, status=_status(cluster_year), user=user)
    approved_on = _approval_day(cluster_year, approved_on)
    scoring_round = ensure_round(cluster_year)
    blockers = approval_blockers(cluster_year, scoring_round)
    if blockers:
        raise ValidationError([_("Chưa phê duyệt được kết quả:"), *blockers], code="not_ready")
    data = selectors.ranking_data(cluster_year)
    rows = [
        ResultRow(
            scoring_round=scoring_round,
            organization=line.organization,
            position=line.row.position,
            rank=line.row.rank,
            self_total=line.self_score.total,
            criteria_total=line.row.score.criteria_total,
            bonus=line.row.score.bonus,
            penalty=line.row.score.penalty,
            total=line.row.score.total,
            classification=line.row.classification,
            group_scores={k: str(v) for k, v in line.row.score.group_scores.items()},
        )
        for line in data.lines
    ]
    ResultRow.objects.filter(scoring_round=scoring_round).delete()
    ResultRow.objects.bulk_create(rows)
    scoring_round.status = RoundStatus.APPROVED
    scoring_round.approved_at = timezone.now()
    scoring_round.approved_on = approved_on
    scoring_round.approved_by = user
    scoring_round.approval_note = note.strip()
    scoring_round.save()
    record_event(
        action="scoring.results.approve",
        obj=scoring_round,
        before={"status": RoundStatus.OPEN},
        after={
            "status": scoring_round.status,
            "approved_on": approved_on,
            "results": _summary(rows),
        },
        note=note.strip(),
    )
    return scoring_round


@transaction.atomic
def reopen_results(*, cluster_year: ClusterYear, user: Any, reason: str) -> ScoringRound:
    """Only a board officer (or the administrator) reopens approved results, with a reason
    (``scoring.reopen_results``): the result rows are removed, the year is open again; one
    audit event with the results that were removed."""
    check_transition(
        "results.reopen", obj=cluster_year, status=_status(cluster_year), user=user, reason=reason
    )
    scoring_round = selectors.round_or_none(cluster_year)
    assert scoring_round is not None  # approved results have a round
    rows = list(ResultRow.objects.filter(scoring_round=scoring_round).order_by("position"))
    ResultRow.objects.filter(scoring_round=scoring_round).delete()
    scoring_round.status = RoundStatus.OPEN
    scoring_round.approved_at = None
    scoring_round.approved_on = None
    scoring_round.approved_by = None
    scoring_round.save()
    record_event(
        action="scoring.results.reopen",
        obj=scoring_round,
        before={"status": RoundStatus.APPROVED, "results": _summary(rows)},
        after={"status": scoring_round.status},
        note=reason.strip(),
    )
    return scoring_round
