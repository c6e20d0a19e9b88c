"""Batch checks (docs/dev/awards-design.md §6): a file of rows checked in the background, and
one stored result per row with its reasons in words (they never re-read the rule set)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.eligibility.engine.wording import AWARDS
from thidua.eligibility.enums import OPEN_STATUSES, BatchStatus, VerdictChoice


class CheckBatch(models.Model):
    """One uploaded file. ``rows`` keeps the checked rows until the task has run them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filename = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    authority = models.ForeignKey(
        "organizations.Authority",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="check_batches",
    )
    received_on = models.DateField(_("ngày nhận hồ sơ dự kiến"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("số dòng"), default=0)
    done = models.PositiveIntegerField(_("đã kiểm tra"), default=0)
    eligible = models.PositiveIntegerField(_("đủ điều kiện"), default=0)
    not_eligible = models.PositiveIntegerField(_("không đủ điều kiện"), default=0)
    needs_review = models.PositiveIntegerField(_("cần xem xét"), default=0)
    rows = models.JSONField(_("các dòng"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="check_batches",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("đợt kiểm tra điều kiện")
        verbose_name_plural = _("đợt kiểm tra điều kiện")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["authority", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.uuid})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0


class CheckResult(models.Model):
    """One row of a batch: who, what, the verdict and every reason (rule, outcome, text with
    its citation, citation, mark). ``failing`` = the codes of the rules that failed or ask for
    review, between bars (``|CSTDCS|common.duplicate|``), to filter on any database."""

    batch = models.ForeignKey(CheckBatch, on_delete=models.CASCADE, related_name="results")
    row = models.PositiveIntegerField(_("dòng"))
    subject_code = models.CharField(_("mã đối tượng"), max_length=60)
    subject_name = models.CharField(_("tên"), max_length=300, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=300, blank=True)
    award_code = models.CharField(_("danh hiệu, hình thức"), max_length=40)
    achievement_year = models.PositiveSmallIntegerField(_("năm thành tích"))
    received_on = models.DateField(_("ngày nhận hồ sơ"))
    rule_set = models.CharField(_("bộ quy định"), max_length=80, blank=True)
    verdict = models.CharField(_("kết luận"), max_length=16, choices=VerdictChoice.choices)
    reasons = models.JSONField(_("lý do"), default=list)
    failing = models.CharField(_("quy tắc chưa đạt"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["batch", "row"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row"], name="eligibility_result_row_once")
        ]
        indexes = [models.Index(fields=["batch", "verdict", "row"])]

    def __str__(self) -> str:
        return f"{self.row}: {self.subject_code} {self.award_code} {self.achievement_year}"

    @property
    def award_name(self) -> str:
        return str(AWARDS.get(self.award_code, self.award_code))
