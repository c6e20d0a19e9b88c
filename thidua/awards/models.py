from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import AwardCategory, AwardLevel, AwardSubject, Decider
from thidua.core.models import TimestampedModel
from thidua.legal.enums import Confidence


class AwardType(TimestampedModel):
    """One emulation title (danh hiệu thi đua) or commendation form (hình thức khen thưởng).

    Rows are data loaded from ``awards/catalogue.py`` (Luật Thi đua, khen thưởng 2022 and local
    regulations) and are never deleted: a title that ends gets ``effective_to``. A local
    variant (``authority`` set, ``variant_of`` the national row) replaces its national row for
    clusters of that authority (and of the authorities under it), e.g. Hà Nội's "Cờ thi đua
    xuất sắc của UBND Thành phố"; ``authority`` empty = national.
    ``rank`` orders the honours of one category ("X trở lên" = rank ≥ X's rank).
    """

    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=255)
    category = models.CharField(_("loại"), max_length=10, choices=AwardCategory.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=AwardSubject.choices)
    level = models.CharField(_("cấp"), max_length=12, choices=AwardLevel.choices)
    deciding_authority = models.CharField(_("thẩm quyền quyết định"), max_length=300)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=400)
    confidence = models.CharField(
        _("mức tin cậy"), max_length=8, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )
    authority = models.ForeignKey(
        "organizations.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_types",
        verbose_name=_("chỉ áp dụng tại cơ quan"),
        help_text=_("Để trống nếu áp dụng toàn quốc."),
    )
    variant_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="variants",
        verbose_name=_("biến thể địa phương của"),
    )
    rank = models.PositiveIntegerField(_("thứ bậc"), default=0)
    effective_from = models.DateField(_("áp dụng từ"))
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    annual = models.BooleanField(
        _("xét theo năm thành tích"),
        default=False,
        help_text=_("Danh hiệu xét tặng theo từng năm: không tặng hai lần cho cùng một năm."),
    )

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["category", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="one_award_version_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="award_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_in_force_in_year(self, year: int) -> bool:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return self.effective_from <= end and (
            self.effective_to is None or self.effective_to >= start
        )


def _dates_in_order(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


class AwardDecider(TimestampedModel):
    """Who decides an award in a period (thẩm quyền theo thời kỳ), e.g. the district chair
    until 30/6/2025 and the commune chair since 1/7/2025 (NĐ 129/2025). Several rows may be in
    force on one day (the head of a unit and the commune chair both award LĐTT)."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="deciders")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    decider = models.CharField(_("cấp quyết định"), max_length=20, choices=Decider.choices)
    text = models.CharField(_("diễn giải"), max_length=300)
    instrument = models.ForeignKey(
        "legal.LegalInstrument",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    article = models.CharField(_("điều, khoản"), max_length=120, blank=True)
    mark = models.CharField(
        _("mức tin cậy"), max_length=8, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )

    class Meta:
        verbose_name = _("thẩm quyền quyết định theo thời kỳ")
        verbose_name_plural = _("thẩm quyền quyết định theo thời kỳ")
        ordering = ["award_type", "valid_from", "decider"]
        constraints = [
            _dates_in_order("award_decider_dates_in_order"),
            models.UniqueConstraint(
                fields=["award_type", "decider", "valid_from"], name="one_decider_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type.code}: {self.get_decider_display()}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class BaseSalary(TimestampedModel):
    """The base salary (lương cơ sở) of a period, in đồng a month: rewards are multiples of it."""

    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    valid_from = models.DateField(_("từ ngày"), unique=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    instrument = models.ForeignKey(
        "legal.LegalInstrument",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    article = models.CharField(_("điều, khoản"), max_length=120, blank=True)
    mark = models.CharField(
        _("mức tin cậy"), max_length=8, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["valid_from"]
        constraints = [_dates_in_order("base_salary_dates_in_order")]

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from})"

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class AwardNomination(TimestampedModel):
    """A unit the cluster acclaimed for an award at its year-end conference (suy tôn): the start
    of a proposal (tờ trình) of the awards issues. It carries the vote as data; ``source_ref``
    names the ballot as text (``"voting.ballot:<uuid>"``), no link up to ``voting``."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đã suy tôn, chờ lập hồ sơ")
        WITHDRAWN = "withdrawn", _("Đã rút")
        USED = "used", _("Đã đưa vào tờ trình")

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="nominations"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="nominations"
    )
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    votes_for = models.PositiveIntegerField(_("số phiếu tán thành"))
    votes_against = models.PositiveIntegerField(_("số phiếu không tán thành"), default=0)
    electorate = models.PositiveIntegerField(_("tổng số thành viên"))
    present = models.PositiveIntegerField(_("số có mặt"))
    threshold_text = models.CharField(_("tỷ lệ cần đạt"), max_length=500)
    decided_on = models.DateField(_("ngày suy tôn"))
    minutes_ref = models.CharField(_("biên bản"), max_length=200, blank=True)
    source_ref = models.CharField(_("nguồn"), max_length=100)
    recorded_after_fact = models.BooleanField(_("ghi nhận sau hội nghị"), default=False)
    sample_data = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("đơn vị được suy tôn")
        verbose_name_plural = _("đơn vị được suy tôn")
        ordering = ["cluster_year", "award_type__rank", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "organization", "award_type"],
                name="one_nomination_per_award",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.award_type}"


from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse  # noqa: E402,F401
