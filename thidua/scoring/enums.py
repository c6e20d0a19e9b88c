"""Glossary of year-end scoring (chấm điểm thi đua cuối năm).

- CriteriaSet = bộ tiêu chí, thang điểm (versioned, adopted with the pledge — giao ước)
- CriteriaGroup = nhóm tiêu chí (I, II, III…), also the bonus (điểm thưởng) and penalty
  (điểm trừ) sections
- Criterion = tiêu chí; ScoringMethod = cách chấm
- ScoringRound = đợt chấm điểm of a cluster year: settings (verification mode, aggregation,
  outlier rule, classification bands, tie-break order) and the results state
- ScoreSheet = bảng tự chấm điểm of one unit; ScoreEntry = điểm một tiêu chí;
  Evidence = minh chứng; self_value = điểm tự chấm; adjusted_value = điểm thẩm định
- CrossSheet = phiếu chấm chéo (one unit scores another); CrossEntry = điểm chấm chéo
- ResultRow = kết quả đã phê duyệt (xếp hạng, xếp loại) of one unit
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.clusters.enums import ClusterKind


class CriteriaSetStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ADOPTED = "adopted", _("Đã thông qua")
    SUPERSEDED = "superseded", _("Đã thay thế")


class Section(models.TextChoices):
    """Where a group's points go in the total."""

    NORMAL = "normal", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class ScoringMethod(models.TextChoices):
    MANUAL = "manual", _("Chấm trực tiếp")
    YES_NO = "yes_no", _("Có / không")
    PROPORTIONAL = "proportional", _("Tỷ lệ theo chỉ tiêu")
    TIERS = "tiers", _("Theo mức")


COMPUTED_METHODS = frozenset({ScoringMethod.PROPORTIONAL, ScoringMethod.TIERS})


class VerificationMode(models.TextChoices):
    HEAD = "head", _("Đơn vị cụm trưởng thẩm định")
    TEAM = "team", _("Tổ thẩm định")
    CROSS = "cross", _("Chấm chéo giữa các đơn vị")


# The head verifies: “cụm trưởng” in a cluster, “khối trưởng” in a bloc (never “cụm” for a bloc).
HEAD_VERIFIES = {
    ClusterKind.CLUSTER: _("Đơn vị cụm trưởng thẩm định"),
    ClusterKind.BLOC: _("Đơn vị khối trưởng thẩm định"),
}


def verification_mode_label(mode: str, kind: str) -> str:
    """The verification mode as the cluster's kind says it (``VerificationMode`` labels say cụm)."""
    if mode == VerificationMode.HEAD and kind in HEAD_VERIFIES:
        return str(HEAD_VERIFIES[ClusterKind(kind)])
    return str(VerificationMode(mode).label) if mode in VerificationMode.values else mode


def verification_mode_choices(kind: str) -> list[tuple[str, str]]:
    return [(mode, verification_mode_label(mode, kind)) for mode in VerificationMode.values]


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Trung bình cộng")
    MEDIAN = "median", _("Trung vị")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang chấm điểm")
    APPROVED = "approved", _("Đã phê duyệt kết quả")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã nộp")
    VERIFIED = "verified", _("Đã thẩm định")


class CrossSheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã gửi")


# Keys of the tie-break order after the total (see docs/scoring.md).
TIE_BREAK_BONUS = "bonus"  # more bonus points first
TIE_BREAK_PENALTY = "penalty"  # fewer penalty points first
TIE_BREAK_GROUP_PREFIX = "group:"  # "group:I" — higher subtotal of group I first
