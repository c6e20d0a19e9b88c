"""Glossary: Cluster = cụm thi đua (kind=cluster) or khối thi đua (kind=bloc);
ClusterYear = one year of a cụm/khối (members, cụm trưởng/khối trưởng, cụm phó/khối phó, theme)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cụm thi đua")
    BLOC = "bloc", _("Khối thi đua")


HEAD_LABELS = {
    ClusterKind.CLUSTER: (_("Cụm trưởng"), _("Cụm phó")),
    ClusterKind.BLOC: (_("Khối trưởng"), _("Khối phó")),
}

# The noun for “this cluster” in a sentence: a bloc (khối) never reads “cụm” (docs/dates-and-wording.md).
KIND_NOUNS = {ClusterKind.CLUSTER: _("cụm"), ClusterKind.BLOC: _("khối")}


def kind_noun(kind: str) -> str:
    """“cụm” or “khối” for a cluster kind, lower case (``capfirst`` at a sentence's start)."""
    return str(KIND_NOUNS.get(kind, KIND_NOUNS[ClusterKind.CLUSTER]))  # type: ignore[call-overload]


class CycleStep(models.TextChoices):
    """The steps of a cluster year that have deadlines (one state machine for the whole year)."""

    PLAN = "plan", _("Thông qua kế hoạch, quy chế")
    PLEDGE = "pledge", _("Ký giao ước thi đua")
    REGISTRATION = "registration", _("Đăng ký thi đua")
    PROGRESS = "progress", _("Báo cáo tiến độ mô hình, chuyên đề")
    DRIVE_REPORT = "drive_report", _("Báo cáo kết quả đợt thi đua")
    SELF_SCORING = "self_scoring", _("Tự chấm điểm")
    VERIFICATION = "verification", _("Thẩm định, chấm chéo")
    CONFERENCE = "conference", _("Hội nghị tổng kết, bình xét")
    PROPOSAL = "proposal", _("Gửi hồ sơ đề nghị khen thưởng")


class HeadsStatus(models.TextChoices):
    """Whether a year's head and deputy (cụm trưởng, cụm phó) are known: chosen (by an election
    or a decision), not chosen yet, or unknown because no record of that year survives."""

    CHOSEN = "chosen", _("Đã chọn")
    NOT_CHOSEN_YET = "not_chosen_yet", _("Chưa chọn")
    UNKNOWN = "unknown", _("Không rõ (không có hồ sơ)")
