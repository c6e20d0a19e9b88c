from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.legal.enums import Confidence


class RuleSet(TimestampedModel):
    """A versioned set of legal parameters (e.g. Luật 06/2022 + NĐ 152/2025 + TT 15/2025).

    The year of the achievement and the date a dossier is received decide which set applies.
    A province may add its own set (``authority``) that overrides national parameters.
    """

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    authority = models.ForeignKey(
        "organizations.Authority",
        verbose_name=_("cơ quan ban hành (nếu là quy định địa phương)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
    )

    class Meta:
        verbose_name = _("bộ quy định")
        verbose_name_plural = _("bộ quy định")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="ruleset_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RuleParameter(TimestampedModel):
    """One threshold, quota, ratio or deadline, with the article it comes from."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="parameters")
    key = models.SlugField(_("khóa"), max_length=80)
    value = models.JSONField(_("giá trị"))
    description = models.CharField(_("mô tả"), max_length=300)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    confidence = models.CharField(
        _("mức tin cậy"), max_length=8, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )

    class Meta:
        verbose_name = _("tham số quy định")
        verbose_name_plural = _("tham số quy định")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "key"], name="unique_parameter_per_rule_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
