"""Year-end scoring: criteria sets, score sheets, verification, cross-scoring and results.

All points are ``Decimal`` with two decimal places. Writes go through ``services``; the state
changes (adopt, submit, verify, approve, reopen…) go through the one state machine in
``workflow``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import StoredFile, TimestampedModel
from thidua.scoring.enums import (
    Aggregation,
    CriteriaSetStatus,
    CrossSheetStatus,
    RoundStatus,
    ScoringMethod,
    Section,
    SheetStatus,
    VerificationMode,
)


class CriteriaSet(TimestampedModel):
    """Bộ tiêu chí, thang điểm of a cluster year. Adopted once; a change is a new version."""

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="criteria_sets"
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=CriteriaSetStatus.choices,
        default=CriteriaSetStatus.DRAFT,
    )
    # The scale comes from the rule set in force (``services.common.scoring_defaults``).
    max_total = models.DecimalField(_("thang điểm"), max_digits=8, decimal_places=2)
    bonus_cap = models.DecimalField(_("điểm thưởng tối đa"), max_digits=8, decimal_places=2)
    penalty_cap = models.DecimalField(
        _("điểm trừ tối đa"),
        null=True,
        blank=True,
        help_text=_("Để trống: không giới hạn."),
        max_digits=8,
        decimal_places=2,
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phiên bản trước"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sao chép từ"),
    )
    change_reason = models.TextField(_("lý do thay đổi"), blank=True)
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("ghi nhận thông qua lúc"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi nhận thông qua"),
    )
    pledge_ref = models.CharField(
        _("giao ước, hội nghị thông qua"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Giao ước thi đua ký ngày 15/02/2023 tại Hội nghị phát động."),
    )

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["cluster_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "version"], name="one_criteria_set_per_version"
            ),
            models.UniqueConstraint(
                fields=["cluster_year"],
                condition=models.Q(status="adopted"),
                name="one_adopted_criteria_set",
            ),
            models.UniqueConstraint(
                fields=["cluster_year"],
                condition=models.Q(status="draft"),
                name="one_draft_criteria_set",
            ),
            models.CheckConstraint(
                condition=models.Q(max_total__gt=0), name="criteria_set_max_total_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(bonus_cap__gte=0), name="criteria_set_bonus_cap_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_draft(self) -> bool:
        return self.status == CriteriaSetStatus.DRAFT


class CriteriaGroup(TimestampedModel):
    """Nhóm tiêu chí (I, II, III…), or a bonus/penalty section. Groups nest (``parent``)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="groups")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("nhóm cha"),
    )
    section = models.CharField(
        _("loại"), max_length=10, choices=Section.choices, default=Section.NORMAL
    )
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên nhóm"), max_length=500)
    max_points = models.DecimalField(
        _("điểm tối đa"),
        null=True,
        blank=True,
        help_text=_("Trần điểm của nhóm."),
        max_digits=8,
        decimal_places=2,
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["criteria_set", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="unique_group_code"),
            models.CheckConstraint(
                condition=models.Q(max_points__isnull=True) | models.Q(max_points__gte=0),
                name="group_max_points_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Criterion(TimestampedModel):
    """Tiêu chí: one row of the scoring table."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriteriaGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("nội dung tiêu chí"), max_length=1000)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2)
    method = models.CharField(
        _("cách chấm"), max_length=15, choices=ScoringMethod.choices, default=ScoringMethod.MANUAL
    )
    target = models.DecimalField(
        _("chỉ tiêu"),
        null=True,
        blank=True,
        help_text=_("Với cách chấm tỷ lệ: số liệu đạt chỉ tiêu được điểm tối đa."),
        max_digits=14,
        decimal_places=2,
    )
    measure_label = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    tiers = models.JSONField(
        _("các mức"),
        default=list,
        blank=True,
        help_text=_("Với cách chấm theo mức: danh sách [ngưỡng, điểm], ví dụ [[100, 5], [80, 3]]."),
    )
    evidence_required = models.BooleanField(_("bắt buộc minh chứng"), default=False)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["criteria_set", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="unique_criterion_code"),
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0), name="criterion_max_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringRound(TimestampedModel):
    """Đợt chấm điểm of a cluster year: its settings and whether the results are approved.

    Created with the defaults of the rule set in force (``thidua.legal``) the first time the
    secretariat saves settings or a criteria set is adopted.
    """

    cluster_year = models.OneToOneField(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="scoring_round"
    )
    verification_mode = models.CharField(
        _("hình thức thẩm định"),
        max_length=10,
        choices=VerificationMode.choices,
        default=VerificationMode.HEAD,
    )
    # aggregation, the outlier thresholds, bands and tie-break come from the rule set in force
    # (``services.common.ensure_round``); the model keeps no second copy of those defaults.
    aggregation = models.CharField(
        _("cách tổng hợp điểm chấm chéo"), max_length=10, choices=Aggregation.choices
    )
    outlier_mad_k = models.DecimalField(
        _("hệ số k (lệch so với trung vị > k × MAD)"),
        null=True,
        blank=True,
        max_digits=8,
        decimal_places=2,
    )
    outlier_gap_points = models.DecimalField(
        _("lệch so với trung vị quá (điểm)"),
        null=True,
        blank=True,
        max_digits=8,
        decimal_places=2,
    )
    bands = models.JSONField(_("xếp loại"), default=list)
    tie_break = models.JSONField(_("thứ tự phân hạng khi bằng điểm"), default=list)
    defaults_source = models.CharField(_("giá trị mặc định lấy từ"), max_length=300, blank=True)
    verifier_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("thành viên tổ")
    )
    verifier_units = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị trong tổ"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    # The day of the approving event (a conference, a meeting): the date the score summary
    # carries. Earlier than ``approved_at`` when results are entered after the fact.
    approved_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )
    approval_note = models.TextField(_("ghi chú phê duyệt"), blank=True)

    class Meta:
        verbose_name = _("đợt chấm điểm")
        verbose_name_plural = _("đợt chấm điểm")

    def __str__(self) -> str:
        return str(_("Chấm điểm {cy}")).format(cy=self.cluster_year)

    @property
    def is_approved(self) -> bool:
        return self.status == RoundStatus.APPROVED

    @property
    def is_cross(self) -> bool:
        return self.verification_mode == VerificationMode.CROSS


class ScoreSheet(TimestampedModel):
    """Bảng tự chấm điểm of one unit in one cluster year.

    ``version`` is the optimistic lock: every save is a conditional UPDATE on it, so two people
    editing the same sheet never overwrite each other silently.
    """

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="score_sheets"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="score_sheets"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    self_report = models.TextField(_("báo cáo tự đánh giá"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bảng tự chấm điểm")
        verbose_name_plural = _("bảng tự chấm điểm")
        ordering = ["cluster_year", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "organization"], name="one_score_sheet_per_unit"
            )
        ]

    def __str__(self) -> str:
        return str(_("Bảng điểm {unit} — {year}")).format(
            unit=self.organization, year=self.cluster_year.year
        )

    @property
    def is_draft(self) -> bool:
        return self.status == SheetStatus.DRAFT


class ScoreEntry(TimestampedModel):
    """The score of one criterion on a unit's sheet: self score, and the verified adjustment."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="entries")
    self_value = models.DecimalField(
        _("điểm tự chấm"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    measure = models.DecimalField(
        _("số liệu thực hiện"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    note = models.TextField(_("giải trình"), blank=True)
    adjusted_value = models.DecimalField(
        _("điểm thẩm định"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    adjust_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    adjusted_at = models.DateTimeField(_("điều chỉnh lúc"), null=True, blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_entry_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(self_value__isnull=True) | models.Q(self_value__gte=0),
                name="self_value_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(adjusted_value__isnull=True) | models.Q(adjusted_value__gte=0),
                name="adjusted_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id}/{self.criterion_id}: {self.self_value}"


class Evidence(StoredFile):
    """Minh chứng attached to one criterion of a sheet. Downloaded through a scope-checking view."""

    storage_folder = "scoring/evidence"

    entry = models.ForeignKey(ScoreEntry, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["entry", "id"]


class CrossSheet(TimestampedModel):
    """Phiếu chấm chéo: ``scorer`` scores ``target``. A unit never scores itself (DB check)."""

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="cross_sheets"
    )
    scorer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=CrossSheetStatus.choices,
        default=CrossSheetStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("phiếu chấm chéo")
        verbose_name_plural = _("phiếu chấm chéo")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "scorer", "target"], name="one_cross_sheet_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(scorer=models.F("target")), name="unit_never_scores_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} → {self.target} ({self.cluster_year.year})"


class CrossEntry(TimestampedModel):
    """One criterion on a cross sheet; an empty value is an abstention (not counted)."""

    cross_sheet = models.ForeignKey(CrossSheet, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(
        _("điểm chấm chéo"), null=True, blank=True, max_digits=8, decimal_places=2
    )

    class Meta:
        verbose_name = _("điểm chấm chéo")
        verbose_name_plural = _("điểm chấm chéo")
        constraints = [
            models.UniqueConstraint(
                fields=["cross_sheet", "criterion"], name="one_cross_entry_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="cross_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cross_sheet_id}/{self.criterion_id}: {self.value}"


class ResultRow(TimestampedModel):
    """The approved (locked) result of one unit: written at approval, removed on reopening."""

    scoring_round = models.ForeignKey(
        ScoringRound, on_delete=models.CASCADE, related_name="results"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    rank = models.PositiveIntegerField(_("xếp hạng"))
    self_total = models.DecimalField(_("tổng tự chấm"), max_digits=8, decimal_places=2)
    criteria_total = models.DecimalField(_("điểm tiêu chí"), max_digits=8, decimal_places=2)
    bonus = models.DecimalField(_("điểm thưởng"), max_digits=8, decimal_places=2)
    penalty = models.DecimalField(_("điểm trừ"), max_digits=8, decimal_places=2)
    total = models.DecimalField(_("tổng điểm"), max_digits=8, decimal_places=2)
    classification = models.CharField(_("xếp loại"), max_length=100, blank=True)
    group_scores = models.JSONField(_("điểm theo nhóm"), default=dict)

    class Meta:
        verbose_name = _("kết quả xếp hạng")
        verbose_name_plural = _("kết quả xếp hạng")
        ordering = ["scoring_round", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["scoring_round", "organization"], name="one_result_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.organization} — {self.total}"
