from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.legal.enums import (
    DECIMAL_TYPES,
    INT_TYPES,
    TEXT_TYPES,
    Confidence,
    Family,
    InstrumentKind,
    Operator,
    RuleSetStatus,
    ValueType,
    WhenMissing,
)


class LegalInstrument(TimestampedModel):
    """A legal text (văn bản): a law, decree, circular, decision or guidance; citations name it."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=10, choices=InstrumentKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    short_name = models.CharField(_("tên viết tắt"), max_length=80)
    title = models.CharField(_("trích yếu"), max_length=300)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    authority = models.ForeignKey(
        "organizations.Authority",
        verbose_name=_("cơ quan (văn bản địa phương)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_instruments",
    )
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    dates_mark = models.CharField(
        _("mức tin cậy của ngày"),
        max_length=8,
        choices=Confidence.choices,
        default=Confidence.SOURCE,
    )
    source_note = models.CharField(_("nguồn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")
        ordering = ["effective_from", "code"]

    def __str__(self) -> str:
        return self.short_name


class ParameterDefinition(models.Model):
    """The vocabulary: what a parameter code means, its type and what its absence means."""

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    family = models.CharField(_("nhóm"), max_length=20, choices=Family.choices)
    name = models.CharField(_("tên"), max_length=300)
    value_type = models.CharField(_("kiểu giá trị"), max_length=12, choices=ValueType.choices)
    unit = models.CharField(_("đơn vị"), max_length=40, blank=True)
    needs_operator = models.BooleanField(_("cần phép so sánh"), default=False)
    authority_only = models.BooleanField(_("chỉ do bộ, tỉnh quy định"), default=False)
    per_award = models.BooleanField(_("theo từng danh hiệu"), default=False)
    when_missing = models.CharField(
        _("khi không có quy định"),
        max_length=8,
        choices=WhenMissing.choices,
        default=WhenMissing.REVIEW,
    )
    read_by = models.CharField(_("được dùng bởi"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("định nghĩa tham số")
        verbose_name_plural = _("định nghĩa tham số")
        ordering = ["family", "position", "code"]

    def __str__(self) -> str:
        return self.code


class RuleSet(TimestampedModel):
    """One version of a family of rules (e.g. Luật 2022 + NĐ 152/2025), national or local.

    ``effective_from``/``effective_to`` are the dates a dossier is received; the achievement
    years say which years the version may judge. Published versions are immutable.
    """

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    family = models.CharField(
        _("nhóm quy định"), max_length=20, choices=Family.choices, default=Family.TDKT
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("thay thế phiên bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RuleSetStatus.choices, default=RuleSetStatus.DRAFT
    )
    effective_from = models.DateField(_("nhận hồ sơ từ ngày"))
    effective_to = models.DateField(_("nhận hồ sơ đến ngày"), null=True, blank=True)
    achievement_year_from = models.PositiveSmallIntegerField(
        _("thành tích từ năm"), null=True, blank=True
    )
    achievement_year_to = models.PositiveSmallIntegerField(
        _("thành tích đến năm"), null=True, blank=True
    )
    authority = models.ForeignKey(
        "organizations.Authority",
        verbose_name=_("cơ quan ban hành (nếu là quy định địa phương)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
    )
    instruments = models.ManyToManyField(
        LegalInstrument, verbose_name=_("văn bản căn cứ"), blank=True, related_name="rule_sets"
    )
    published_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    change_note = models.TextField(_("nội dung thay đổi"), blank=True)

    class Meta:
        verbose_name = _("bộ quy định")
        verbose_name_plural = _("bộ quy định")
        ordering = ["family", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="ruleset_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(achievement_year_to__isnull=True)
                | Q(achievement_year_from__isnull=True)
                | Q(achievement_year_to__gte=models.F("achievement_year_from")),
                name="ruleset_years_in_order",
            ),
            models.UniqueConstraint(
                fields=["family", "authority", "version"], name="ruleset_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status == RuleSetStatus.PUBLISHED


def _only(*columns: str) -> Q:
    """The value columns other than ``columns`` are empty."""
    empty = {
        "num": Q(num__isnull=True),
        "den": Q(den__isnull=True),
        "int_value": Q(int_value__isnull=True),
        "decimal_value": Q(decimal_value__isnull=True),
        "bool_value": Q(bool_value__isnull=True),
        "text_value": Q(text_value=""),
        "json_value": Q(json_value__isnull=True),
    }
    result = Q()
    for name, condition in empty.items():
        result &= ~condition if name in columns else condition
    return result


ONE_VALUE_PER_TYPE = (
    (Q(value_type=ValueType.RATIO) & _only("num", "den"))
    | (Q(value_type__in=INT_TYPES) & _only("int_value"))
    | (Q(value_type__in=DECIMAL_TYPES) & _only("decimal_value"))
    | (Q(value_type=ValueType.BOOL) & _only("bool_value"))
    | (Q(value_type__in=TEXT_TYPES) & _only("text_value"))
    | (Q(value_type=ValueType.STRUCTURE) & _only("json_value"))
)


class RuleParameter(TimestampedModel):
    """One threshold, quota, ratio or rule of a version, typed, with its article and mark."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="parameters")
    code = models.SlugField(_("mã"), max_length=80)
    award_code = models.CharField(_("danh hiệu"), max_length=30, blank=True, default="")
    value_type = models.CharField(_("kiểu giá trị"), max_length=12, choices=ValueType.choices)
    # NULL = no comparison (a flag, an award, a table): the ratio check tests IS NOT NULL
    operator = models.CharField(  # noqa: DJ001
        _("phép so sánh"), max_length=3, choices=Operator.choices, null=True, blank=True
    )
    num = models.PositiveIntegerField(_("tử số"), null=True, blank=True)
    den = models.PositiveIntegerField(_("mẫu số"), null=True, blank=True)
    int_value = models.BigIntegerField(_("số nguyên"), null=True, blank=True)
    decimal_value = models.DecimalField(
        _("số thập phân"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    bool_value = models.BooleanField(_("có/không"), null=True, blank=True)
    text_value = models.CharField(_("mã giá trị"), max_length=60, blank=True, default="")
    json_value = models.JSONField(_("bảng giá trị"), null=True, blank=True)
    instrument = models.ForeignKey(
        LegalInstrument,
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parameters",
    )
    article = models.CharField(_("điều, khoản"), max_length=120, blank=True)
    mark = models.CharField(
        _("mức tin cậy"), max_length=8, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tham số quy định")
        verbose_name_plural = _("tham số quy định")
        ordering = ["code", "award_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "code", "award_code"], name="unique_parameter_per_rule_set"
            ),
            models.CheckConstraint(
                condition=~Q(value_type=ValueType.RATIO)
                | (
                    Q(operator__isnull=False)
                    & Q(den__gt=0)
                    & Q(num__gte=0)
                    & Q(num__lte=models.F("den"))
                ),
                name="ruleparameter_ratio_well_formed",
            ),
            models.CheckConstraint(
                condition=ONE_VALUE_PER_TYPE, name="ruleparameter_one_value_per_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.award_code}".strip()

    @property
    def value(self) -> Any:
        """The typed value: a ``Fraction`` for ratios, else int, Decimal, bool, str or a table."""
        return typed_value(self)


def typed_value(param: Any) -> Any:
    """The value of a parameter row (a model instance or a historical model in a migration)."""
    kind = param.value_type
    if kind == ValueType.RATIO:
        return Fraction(param.num, param.den)
    if kind in INT_TYPES:
        return param.int_value
    if kind in DECIMAL_TYPES:
        return _plain(param.decimal_value)
    if kind == ValueType.BOOL:
        return param.bool_value
    if kind in TEXT_TYPES:
        return param.text_value
    return param.json_value


def _plain(value: Decimal | None) -> Decimal | None:
    """``4.5000`` → ``4.5``, ``100.0000`` → ``100`` (never ``1E+2``)."""
    if value is None:
        return None
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
