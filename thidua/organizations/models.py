from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.core.sortkeys import SortKeyed
from thidua.organizations.enums import AuthorityLevel, OrganizationKind, SuccessionKind


class Authority(SortKeyed, TimestampedModel):
    """The council/board that organises clusters (e.g. Hội đồng TĐKT Thành phố Hà Nội)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=AuthorityLevel.choices)
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Tỉnh, thành phố hoặc bộ, ngành (hoặc Trung ương) mà cơ quan này trực thuộc."),
    )
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    # a database default too: migrations tests insert authorities with older model states
    search_text = models.TextField(editable=False, default="", db_default="")

    search_sources = ("name", "short_name", "code", "province")

    class Meta:
        verbose_name = _("cơ quan tổ chức cụm, khối")
        verbose_name_plural = _("cơ quan tổ chức cụm, khối")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="authority_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AuthoritySuccession(TimestampedModel):
    """``predecessor`` was taken over by ``successor`` on ``effective_date`` (e.g. Hội đồng TĐKT
    tỉnh Nam Định → tỉnh Ninh Bình from 01/7/2025): the successor's people see the
    predecessor's history, and its cluster years from the effective date's year on pass to them
    (``selectors.authority_lineage``)."""

    predecessor = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="successor_links",
        verbose_name=_("cơ quan cũ"),
    )
    successor = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="predecessor_links",
        verbose_name=_("cơ quan kế thừa"),
    )
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision_number = models.CharField(_("số văn bản, quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("liên kết kế thừa cơ quan")
        verbose_name_plural = _("liên kết kế thừa cơ quan")
        ordering = ["effective_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_authority_succession_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="authority_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class Organization(SortKeyed, TimestampedModel):
    """A unit (đơn vị): a department, a district/commune, an enterprise…

    ``valid_to`` set = dissolved (giải thể / sáp nhập) on that date. Merges, splits and
    renames are recorded as ``Succession`` links, never by editing history.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan chủ quản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("thuộc hội đồng thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("giải thể ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(editable=False, default="")

    search_sources = ("name", "short_name", "code")

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organization_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        """Where the unit is: its province, else its authority (``select_related("authority")``
        when listing units without a province)."""
        if self.province:
            return self.province
        return str(self.authority) if self.authority_id else ""

    @property
    def label(self) -> str:
        """How a select or a list tells apart units of the same name (every province has a
        “Sở Nội vụ”): “Sở Nội vụ — HN-SNV · Hà Nội”."""
        place = self.place
        return f"{self.name} — {self.code} · {place}" if place else f"{self.name} — {self.code}"

    def is_active_in_year(self, year: int) -> bool:
        """Active at some time in ``year``: from ≤ 31/12 and (no end, or end ≥ 1/1)."""
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_dissolved(self) -> bool:
        return self.valid_to is not None


class OrganizationLeader(TimestampedModel):
    """Who led the unit (thủ trưởng) and when: signatures on pledges use the leader of the day."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="leaders")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=200)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("lãnh đạo đơn vị")
        verbose_name_plural = _("lãnh đạo đơn vị")
        ordering = ["organization", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.position}"


class Succession(TimestampedModel):
    """``predecessor`` became (part of) ``successor`` on ``effective_date``."""

    predecessor = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="successor_links",
        verbose_name=_("đơn vị cũ"),
    )
    successor = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="predecessor_links",
        verbose_name=_("đơn vị mới"),
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision_ref = models.CharField(_("văn bản, quyết định"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("liên kết kế thừa")
        verbose_name_plural = _("liên kết kế thừa")
        ordering = ["effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_succession_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"
