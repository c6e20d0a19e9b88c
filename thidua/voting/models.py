"""The year-end conference (hội nghị tổng kết) of a cluster year, its voting rules (quy chế
bình xét) as data, and its ballots (docs/dev/voting-design.md §2–§4).

Secrecy (§4): who voted (``Eligibility``) and what was voted (``SealedBallot`` during the vote,
``CastBallot`` after close) share no key, no time and no order. ``SealedBallot`` and
``CastBallot`` have no timestamp; ``CastBallot`` rows are written once, shuffled, at close."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.voting.enums import (
    AgendaKind,
    BallotKind,
    BallotMode,
    BallotOutcome,
    BallotPurpose,
    BallotState,
    CandidateSource,
    Channel,
    CommitteeRole,
    ConferenceStatus,
    Electorate,
    Operator,
    QuorumBasis,
    TieBreak,
)


class Conference(TimestampedModel):
    cluster_year = models.OneToOneField(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="conference"
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair_name = models.CharField(_("người chủ trì"), max_length=200, blank=True)
    chair_position = models.CharField(_("chức vụ người chủ trì"), max_length=200, blank=True)
    chair_unit = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị chủ trì"),
    )
    secretary_name = models.CharField(_("thư ký hội nghị"), max_length=200, blank=True)
    secretary_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản thư ký"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.DRAFT,
    )
    recorded_after_fact = models.BooleanField(_("ghi nhận sau"), default=False)
    minutes_number = models.CharField(_("số biên bản"), max_length=100, blank=True)
    minutes_date = models.DateField(_("ngày biên bản"), null=True, blank=True)

    class Meta:
        verbose_name = _("hội nghị tổng kết")
        verbose_name_plural = _("hội nghị tổng kết")

    def __str__(self) -> str:
        return f"Hội nghị tổng kết {self.cluster_year}"


class CountingCommitteeMember(TimestampedModel):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="committee")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản"),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("thành viên ban kiểm phiếu")
        verbose_name_plural = _("ban kiểm phiếu")


class AgendaItem(TimestampedModel):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại nội dung"), max_length=30, choices=AgendaKind.choices)
    title = models.CharField(_("nội dung"), max_length=300)
    link_slug = models.CharField(_("liên kết"), max_length=60, blank=True)
    decision_text = models.TextField(_("kết luận"), blank=True)
    decided = models.BooleanField(_("đã kết luận"), default=False)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "order"], name="voting_agenda_order")
        ]
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("chương trình hội nghị")


class Attendance(TimestampedModel):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendances")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("có mặt"), default=False)
    absence_reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization"], name="voting_attendance_once"
            )
        ]
        verbose_name = _("điểm danh đơn vị")
        verbose_name_plural = _("điểm danh")


class Delegate(TimestampedModel):
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="delegates")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    leads_delegation = models.BooleanField(_("trưởng đoàn"), default=False)

    class Meta:
        ordering = ["-leads_delegation", "pk"]
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")


class VotingRules(TimestampedModel):
    """The cluster's rules for its conference, with their source: never a constant in code."""

    cluster_year = models.OneToOneField(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="voting_rules"
    )
    source_text = models.CharField(_("căn cứ (quy chế, điều)"), max_length=500)
    quorum_basis = models.CharField(
        _("tính trên"), max_length=10, choices=QuorumBasis.choices, default=QuorumBasis.ALL
    )
    quorum_operator = models.CharField(_("phép so sánh"), max_length=5, choices=Operator.choices)
    quorum_num = models.PositiveIntegerField(_("tử số"), validators=[MinValueValidator(1)])
    quorum_den = models.PositiveIntegerField(_("mẫu số"), validators=[MinValueValidator(1)])
    tie_break = models.CharField(
        _("khi bằng phiếu"), max_length=20, choices=TieBreak.choices, default=TieBreak.RUNOFF
    )
    self_vote_allowed = models.BooleanField(_("đơn vị được tự bỏ phiếu cho mình"), default=True)
    weights = models.JSONField(
        _("số phiếu của từng đơn vị"),
        default=dict,
        blank=True,
        help_text=_("{mã đơn vị: số phiếu}; để trống: mỗi đơn vị một phiếu."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_num__lte=models.F("quorum_den")),
                name="voting_rules_fraction_at_most_one",
            )
        ]
        verbose_name = _("quy chế bình xét")
        verbose_name_plural = _("quy chế bình xét")


class BallotRule(TimestampedModel):
    """One line of the cluster's rules for a kind of ballot (quy chế: "suy tôn Cờ thi đua của
    Chính phủ: 1 đơn vị, đạt ≥ 2/3 tổng số thành viên"). Ballots copy it when created."""

    rules = models.ForeignKey(VotingRules, on_delete=models.CASCADE, related_name="ballot_rules")
    purpose = models.CharField(_("nội dung"), max_length=20, choices=BallotPurpose.choices)
    award_type = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("danh hiệu, hình thức khen thưởng"),
    )
    kind = models.CharField(_("cách bỏ phiếu"), max_length=20, choices=BallotKind.choices)
    seats = models.PositiveIntegerField(
        _("số đơn vị tối đa (chỉ tiêu)"), validators=[MinValueValidator(1)], default=1
    )
    threshold_basis = models.CharField(
        _("tỷ lệ tính trên"), max_length=10, choices=QuorumBasis.choices
    )
    threshold_operator = models.CharField(_("phép so sánh"), max_length=5, choices=Operator.choices)
    threshold_num = models.PositiveIntegerField(_("tử số"), validators=[MinValueValidator(1)])
    threshold_den = models.PositiveIntegerField(_("mẫu số"), validators=[MinValueValidator(1)])
    source_text = models.CharField(_("căn cứ"), max_length=500)

    class Meta:
        ordering = ["purpose", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold_num__lte=models.F("threshold_den")),
                name="voting_ballotrule_fraction_at_most_one",
            )
        ]
        verbose_name = _("quy định bỏ phiếu")
        verbose_name_plural = _("quy định bỏ phiếu")


class Ballot(TimestampedModel):
    """One question put to the vote (the question is public; its ballots are not)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="ballots")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="ballots"
    )
    title = models.CharField(_("nội dung bỏ phiếu"), max_length=300)
    purpose = models.CharField(_("nội dung"), max_length=20, choices=BallotPurpose.choices)
    award_type = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("danh hiệu, hình thức khen thưởng"),
    )
    kind = models.CharField(_("cách bỏ phiếu"), max_length=20, choices=BallotKind.choices)
    seats = models.PositiveIntegerField(_("số đơn vị tối đa"), default=1)
    electorate = models.CharField(
        _("cử tri"), max_length=20, choices=Electorate.choices, default=Electorate.MEMBER_UNITS
    )
    threshold_basis = models.CharField(
        _("tỷ lệ tính trên"), max_length=10, choices=QuorumBasis.choices
    )
    threshold_operator = models.CharField(_("phép so sánh"), max_length=5, choices=Operator.choices)
    threshold_num = models.PositiveIntegerField(_("tử số"))
    threshold_den = models.PositiveIntegerField(_("mẫu số"))
    threshold_source = models.CharField(_("căn cứ tỷ lệ"), max_length=500)
    tie_break = models.CharField(
        _("khi bằng phiếu"), max_length=20, choices=TieBreak.choices, default=TieBreak.RUNOFF
    )
    mode = models.CharField(
        _("hình thức"), max_length=10, choices=BallotMode.choices, default=BallotMode.ONLINE
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=BallotState.choices, default=BallotState.DRAFT
    )
    round = models.PositiveIntegerField(_("vòng"), default=1)
    runoff_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="runoffs"
    )
    opened_on = models.DateField(_("ngày mở"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # snapshots when the ballot opens
    electorate_weight = models.PositiveIntegerField(default=0)
    present_weight = models.PositiveIntegerField(default=0)
    electorate_count = models.PositiveIntegerField(default=0)
    present_count = models.PositiveIntegerField(default=0)
    # 32 random bytes drawn at opening; the urn key derives from it; cleared at close (§4.3)
    seal_salt = models.BinaryField(null=True, blank=True, editable=False)
    # results, written at close
    issued = models.PositiveIntegerField(_("số phiếu phát ra"), default=0)
    received = models.PositiveIntegerField(_("số phiếu thu về"), default=0)
    valid = models.PositiveIntegerField(_("số phiếu hợp lệ"), default=0)
    invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"), default=0)
    board_digest = models.CharField(_("mã kiểm tra bảng phiếu"), max_length=64, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=20, choices=BallotOutcome.choices, blank=True
    )
    sample_data = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        ordering = ["conference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold_num__lte=models.F("threshold_den")),
                name="voting_ballot_fraction_at_most_one",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__gte=1), name="voting_ballot_at_least_one_seat"
            ),
        ]
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")

    def __str__(self) -> str:
        return self.title


class Candidate(TimestampedModel):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="candidates")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    person_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    # the name as it stood when the candidate was put on the ballot: the public board and its
    # digest never change when a unit is renamed later
    name = models.CharField(_("tên trên phiếu"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=CandidateSource.choices, default=CandidateSource.MANUAL
    )
    ranking_position = models.PositiveIntegerField(_("thứ hạng"), null=True, blank=True)
    ranking_score = models.DecimalField(
        _("điểm xếp hạng"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    registered = models.BooleanField(_("đã đăng ký danh hiệu"), null=True, blank=True)
    # results, written at close
    yes_weight = models.PositiveIntegerField(default=0)
    no_weight = models.PositiveIntegerField(default=0)
    passed = models.BooleanField(null=True, blank=True)
    elected = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "organization"],
                condition=models.Q(organization__isnull=False),
                name="voting_candidate_once",
            )
        ]
        verbose_name = _("ứng viên")
        verbose_name_plural = _("danh sách ứng viên")

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        return self.organization.name if self.organization is not None else self.person_name


class PaperTally(TimestampedModel):
    """What the counting committee counted from the paper ballots (kết quả kiểm phiếu giấy)."""

    ballot = models.OneToOneField(Ballot, on_delete=models.CASCADE, related_name="paper_tally")
    received = models.PositiveIntegerField(_("số phiếu thu về"), default=0)
    valid = models.PositiveIntegerField(_("số phiếu hợp lệ"), default=0)
    invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kết quả kiểm phiếu giấy")
        verbose_name_plural = _("kết quả kiểm phiếu giấy")


class PaperCount(models.Model):
    tally = models.ForeignKey(PaperTally, on_delete=models.CASCADE, related_name="counts")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    yes = models.PositiveIntegerField(_("tán thành"), default=0)
    no = models.PositiveIntegerField(_("không tán thành"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tally", "candidate"], name="voting_papercount_once")
        ]

    def __str__(self) -> str:
        return f"{self.yes}/{self.no}"


class VoterPass(TimestampedModel):
    """The voting card of a member unit (thẻ biểu quyết). The code is never stored, only its
    HMAC with ``VOTING_PASS_KEY``."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="passes")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    code_hmac = models.CharField(max_length=64, unique=True)
    issued_to = models.CharField(_("cấp cho"), max_length=200, blank=True)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization"],
                condition=models.Q(revoked=False),
                name="voting_one_live_pass",
            )
        ]
        verbose_name = _("thẻ biểu quyết")
        verbose_name_plural = _("thẻ biểu quyết")


class Eligibility(models.Model):
    """Who may vote on a ballot and whether they did (danh sách cử tri). No timestamp but the
    day, no receipt, nothing that points to the urn or the board."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="eligibilities")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    weight = models.PositiveIntegerField(default=1)
    present = models.BooleanField(default=False)
    voted = models.BooleanField(default=False)
    voted_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "organization"], name="voting_eligibility_once"
            )
        ]
        verbose_name = _("cử tri")
        verbose_name_plural = _("danh sách cử tri")

    def __str__(self) -> str:
        return str(self.organization_id)


class SealedBallot(models.Model):
    """A ballot in the urn during the vote: AES-GCM ciphertext, padded. Deleted at close."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()
    receipt_mac = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "receipt_mac"], name="voting_receipt_once")
        ]

    def __str__(self) -> str:
        return "phiếu niêm phong"


class CastBallot(models.Model):
    """A ballot after close, on the public board: receipt and choices, nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="+")
    receipt = models.CharField(_("mã phiếu"), max_length=16)
    choices = models.JSONField(_("lựa chọn"), default=list)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "receipt"], name="voting_board_receipt_once")
        ]

    def __str__(self) -> str:
        return self.receipt
