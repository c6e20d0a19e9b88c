"""Individuals and the facts of their years: where they worked (one unit at a time), how they
were rated, their discipline and their initiatives. Award history lives in ``awards``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.core.sortkeys import SortKeyed
from thidua.people.enums import (
    DisciplineKind,
    DisciplineLevel,
    Gender,
    InitiativeKind,
    InitiativeScope,
    StaffCategory,
    TaskRating,
)


class Person(SortKeyed, TimestampedModel):
    """Một cá nhân. ``code`` is the unit's staff code (never a citizen ID). Years before
    ``history_from`` are *unknown*, not *absent*. A person is seen through their employments."""

    code = models.CharField(_("mã cá nhân"), max_length=40, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    history_from = models.PositiveSmallIntegerField(
        _("dữ liệu đầy đủ từ năm"), null=True, blank=True
    )
    sample_data = models.BooleanField(_("dữ liệu mẫu"), default=False)
    search_text = models.TextField(editable=False, default="")

    sort_source = "full_name"
    search_sources = ("full_name", "code")

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.full_name


class Employment(TimestampedModel):
    """A period at one unit. Periods of one person never overlap (``people.db``)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="employments"
    )
    category = models.CharField(_("đối tượng"), max_length=20, choices=StaffCategory.choices)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="employment_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organization}"


class YearRecord(TimestampedModel):
    """The rating of a person's year; ``organization`` is their unit on 31/12 (derived)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="year_records")
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.PositiveSmallIntegerField(_("xếp loại"), choices=TaskRating.choices)
    months_worked = models.PositiveSmallIntegerField(_("số tháng công tác"), null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("xếp loại năm")
        verbose_name_plural = _("xếp loại năm")
        ordering = ["person", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_rating_per_person_year"),
            models.CheckConstraint(
                condition=models.Q(months_worked__isnull=True) | models.Q(months_worked__lte=12),
                name="yearrecord_months_at_most_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_rating_display()}"


class Discipline(TimestampedModel):
    """A discipline decision, or an examination under way (``kind = pending``, no level)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disciplines")
    kind = models.CharField(_("loại"), max_length=12, choices=DisciplineKind.choices)
    level = models.PositiveSmallIntegerField(
        _("hình thức"), choices=DisciplineLevel.choices, null=True, blank=True
    )
    decision_ref = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    effective_from = models.DateField(_("từ ngày"))
    effective_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["person", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="discipline_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=DisciplineKind.PENDING) | models.Q(level__isnull=False),
                name="discipline_has_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


class Initiative(TimestampedModel):
    """A recognised initiative (D-7: new, applied, replicable, recognised). It supports one
    proposal only (D-6): ``awards.InitiativeUse`` holds that use, one per initiative."""

    code = models.CharField(_("mã sáng kiến"), max_length=60, unique=True)
    kind = models.CharField(
        _("loại"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    title = models.CharField(_("tên"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm"))
    recognition_ref = models.CharField(_("số quyết định công nhận"), max_length=100)
    recognised_on = models.DateField(_("ngày công nhận"))
    recognised_by = models.CharField(_("cơ quan công nhận"), max_length=300)
    scope = models.PositiveSmallIntegerField(
        _("phạm vi ảnh hưởng"), choices=InitiativeScope.choices
    )
    effect = models.TextField(_("hiệu quả"), blank=True)
    authors = models.ManyToManyField(
        Person, through="InitiativeAuthor", related_name="initiatives", verbose_name=_("tác giả")
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["initiative", "order"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="one_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.initiative.code}: {self.person}"
