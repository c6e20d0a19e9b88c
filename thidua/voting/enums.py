"""States and kinds of the year-end conference (hội nghị tổng kết) and its voting rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    IN_SESSION = "in_session", _("Đang họp")
    CLOSED = "closed", _("Đã bế mạc")


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    MEMBER = "member", _("Thành viên")


class AgendaKind(models.TextChoices):
    ADOPT_REPORT = "adopt_report", _("Thông qua báo cáo tổng kết")
    CONFIRM_RANKING = "confirm_ranking", _("Thông qua kết quả chấm điểm, xếp hạng")
    ACCLAIM = "acclaim", _("Bình xét, suy tôn đơn vị đề nghị khen thưởng")
    ELECT = "elect", _("Bầu đơn vị trưởng, phó năm sau")
    SIGN_PLEDGE = "sign_pledge", _("Ký giao ước thi đua năm sau")
    OTHER = "other", _("Nội dung khác")


# The agenda offered when a conference is created (the order of the design, §2).
DEFAULT_AGENDA = [
    AgendaKind.ADOPT_REPORT,
    AgendaKind.CONFIRM_RANKING,
    AgendaKind.ACCLAIM,
    AgendaKind.ELECT,
    AgendaKind.SIGN_PLEDGE,
]


class QuorumBasis(models.TextChoices):
    ALL = "all", _("tổng số đơn vị thành viên")
    PRESENT = "present", _("số đơn vị có mặt")


class Operator(models.TextChoices):
    GT = "gt", _("trên")  # >
    GE = "ge", _("từ")  # ≥


class TieBreak(models.TextChoices):
    RUNOFF = "runoff", _("Bỏ phiếu lại giữa các đơn vị bằng phiếu")
    RANKING_SCORE = "ranking_score", _("Lấy đơn vị có điểm xếp hạng cao hơn")
