from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import AwardCategory, AwardLevel, AwardSubject
from thidua.core.models import TimestampedModel
from thidua.legal.enums import Confidence


class AwardType(TimestampedModel):
    """One emulation title (danh hiệu thi đua) or commendation form (hình thức khen thưởng).

    Rows are data loaded from ``awards/catalogue.py`` (Luật Thi đua, khen thưởng 2022 and local
    regulations) and are never deleted: a title that ends gets ``effective_to``. A provincial
    variant (``province`` set, ``variant_of`` the national row) replaces its national row for
    clusters of that province, e.g. Hà Nội's "Cờ thi đua xuất sắc của UBND Thành phố".
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
    province = models.CharField(
        _("chỉ áp dụng tại tỉnh, thành phố"),
        max_length=100,
        blank=True,
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
