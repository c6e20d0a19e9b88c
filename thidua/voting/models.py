"""The year-end conference (hội nghị tổng kết) of a cluster year and its voting rules (quy chế
bình xét) as data. Ballots come in a later slice (docs/dev/voting-design.md §7)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.voting.enums import (
    AgendaKind,
    CommitteeRole,
    ConferenceStatus,
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

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_num__lte=models.F("quorum_den")),
                name="voting_rules_fraction_at_most_one",
            )
        ]
        verbose_name = _("quy chế bình xét")
        verbose_name_plural = _("quy chế bình xét")
