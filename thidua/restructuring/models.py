from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.restructuring.enums import RestructuringKind


class Restructuring(TimestampedModel):
    """One decision that restructures units (sáp nhập, chia tách, đổi tên, chuyển, giải thể).

    ``plan`` keeps the plan exactly as it was applied (units closed and created, memberships moved
    or ended, heads passed on); ``successions`` are the succession links it wrote.
    """

    kind = models.CharField(_("hình thức"), max_length=10, choices=RestructuringKind.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    effective_date = models.DateField(_("ngày hiệu lực"))
    note = models.TextField(_("ghi chú"), blank=True)
    authority = models.ForeignKey(
        "organizations.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan tổ chức cụm, khối của đơn vị cũ"),
    )
    units = models.ManyToManyField(
        "organizations.Organization", related_name="restructurings", verbose_name=_("đơn vị")
    )
    successions = models.ManyToManyField(
        "organizations.Succession", blank=True, related_name="+", verbose_name=_("liên kết kế thừa")
    )
    plan = models.JSONField(_("kế hoạch đã thực hiện"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )

    class Meta:
        verbose_name = _("sắp xếp lại đơn vị")
        verbose_name_plural = _("sắp xếp lại đơn vị")
        ordering = ["-effective_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.decision_number}"
