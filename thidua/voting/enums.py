"""States and kinds of the year-end conference (hội nghị tổng kết) and its voting rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    IN_SESSION = "in_session", _("Đang họp")
    CLOSED = "closed", _("Đã bế mạc")
    RECORDED = "recorded", _("Ghi nhận sau hội nghị")


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
    GT = "gt", _("> (trên, không tính bằng)")
    GE = "ge", _("≥ (từ … trở lên)")


class TieBreak(models.TextChoices):
    RUNOFF = "runoff", _("Bỏ phiếu lại giữa các đơn vị bằng phiếu")
    RANKING_SCORE = "ranking_score", _("Lấy đơn vị có điểm xếp hạng cao hơn")


class BallotKind(models.TextChoices):
    APPROVE_REJECT = "approve_reject", _("Tán thành / không tán thành từng đơn vị")
    CHOOSE_K = "choose_k", _("Chọn tối đa k trong danh sách")
    SINGLE_CHOICE = "single_choice", _("Chọn một")


class BallotPurpose(models.TextChoices):
    ACCLAIM = "acclaim", _("Suy tôn đề nghị khen thưởng")
    HEAD = "head", _("Bầu đơn vị trưởng năm sau")
    DEPUTY = "deputy", _("Bầu đơn vị phó năm sau")
    OTHER = "other", _("Biểu quyết khác")


class Electorate(models.TextChoices):
    MEMBER_UNITS = "member_units", _("Mỗi đơn vị thành viên một phiếu")
    COUNCIL_MEMBERS = "council_members", _("Mỗi thành viên hội đồng một phiếu")


class BallotMode(models.TextChoices):
    ONLINE = "online", _("Bỏ phiếu trực tuyến")
    PAPER = "paper", _("Phiếu giấy")
    MIXED = "mixed", _("Trực tuyến và phiếu giấy")
    RECORDED = "recorded", _("Ghi nhận kết quả sau hội nghị")


class BallotState(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")


class BallotOutcome(models.TextChoices):
    PASSED = "passed", _("Có đơn vị đạt")
    RUNOFF_NEEDED = "runoff_needed", _("Cần bỏ phiếu lại")
    FAILED = "failed", _("Không đơn vị nào đạt")


class CandidateSource(models.TextChoices):
    RANKING = "ranking", _("Theo kết quả xếp hạng")
    REGISTRATION = "registration", _("Theo đăng ký danh hiệu")
    MEMBERS = "members", _("Đơn vị thành viên")
    MANUAL = "manual", _("Thêm trực tiếp")
    RUNOFF = "runoff", _("Bỏ phiếu lại")


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    PAPER = "paper", _("Phiếu giấy")
    WRITTEN = "written", _("Phiếu gửi bằng văn bản")


class Mark(models.TextChoices):
    YES = "Y", _("Tán thành")
    NO = "N", _("Không tán thành")
