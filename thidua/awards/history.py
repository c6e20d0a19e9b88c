"""Award history (docs/dev/awards-design.md §4): what units and people received, with the
decision; the yearly facts of a collective; the one use of each initiative (D-6). Rows are never
deleted: a revoked award keeps its row with the revocation (D-13). Imported at the end of
``awards.models`` so the models belong to the ``awards`` app."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.history_enums import AwardSource, CollectiveSource
from thidua.core.models import TimestampedModel
from thidua.people.enums import DisciplineLevel, TaskRating


class AwardRecord(TimestampedModel):
    """One title or form received by a unit *or* a person for an achievement year.

    ``award_code`` and ``annual`` are copied from the award type when written (versions of one
    award share the code; an annual title is given once per year): the database refuses the same
    annual title twice for one subject and year unless the first was revoked."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
        verbose_name=_("tập thể"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
        verbose_name=_("cá nhân"),
    )
    award_type = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("khen thưởng"),
    )
    award_code = models.SlugField(_("mã danh hiệu, hình thức"), max_length=40)
    annual = models.BooleanField(_("xét hằng năm"), default=False)
    achievement_year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.CharField(_("người, cấp quyết định"), max_length=300, blank=True)
    unit_at_time = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị khi được khen"),
    )
    rule_set = models.ForeignKey(
        "legal.RuleSet", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_on = models.DateField(_("ngày nhận hồ sơ"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=AwardSource.choices)
    source_ref = models.CharField(_("tham chiếu nguồn"), max_length=300, blank=True)
    achievement_ref = models.CharField(_("thành tích"), max_length=300, blank=True)
    revoked_on = models.DateField(_("thu hồi ngày"), null=True, blank=True)
    revocation_ref = models.CharField(_("quyết định thu hồi"), max_length=200, blank=True)
    sample_data = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("khen thưởng đã nhận")
        ordering = ["-achievement_year", "award_code", "pk"]
        indexes = [
            # the registry's order: its first page is read from the index, not sorted
            models.Index(
                fields=["-achievement_year", "award_code", "id"], name="awardrecord_registry_order"
            ),
            # the registry's award filter offers the awards that have a record
            models.Index(fields=["award_code"], name="awardrecord_award_code"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, person__isnull=True)
                | Q(organization__isnull=True, person__isnull=False),
                name="awardrecord_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(source=AwardSource.PRESS)
                | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="awardrecord_decision_unless_press",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revocation_ref=""),
                name="awardrecord_revocation_has_ref",
            ),
            models.UniqueConstraint(
                fields=["person", "award_code", "achievement_year"],
                condition=Q(annual=True, revoked_on__isnull=True, person__isnull=False),
                name="awardrecord_annual_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["organization", "award_code", "achievement_year"],
                condition=Q(annual=True, revoked_on__isnull=True, organization__isnull=False),
                name="awardrecord_annual_once_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.award_type} {self.achievement_year}"

    @property
    def subject(self) -> object:
        return self.organization if self.organization_id else self.person

    @property
    def unit(self) -> object:
        """The unit that answers for the record: the collective, or the person's unit then."""
        return self.organization if self.organization_id else self.unit_at_time


class CollectiveYear(TimestampedModel):
    """The facts of a collective's year (members, completed, LĐTT, CSTĐCS…). Without a row the
    counts are derived from the people of the unit that year."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="collective_years"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.PositiveSmallIntegerField(
        _("xếp loại tập thể"), choices=TaskRating.choices, null=True, blank=True
    )
    members = models.PositiveIntegerField(_("tổng số thành viên"))
    completed = models.PositiveIntegerField(_("số hoàn thành nhiệm vụ"))
    ldtt = models.PositiveIntegerField(_("số đạt Lao động tiên tiến"))
    cstdcs = models.PositiveIntegerField(_("số đạt Chiến sĩ thi đua cơ sở"))
    max_discipline = models.PositiveSmallIntegerField(
        _("kỷ luật cao nhất"), choices=DisciplineLevel.choices, null=True, blank=True
    )
    source = models.CharField(_("nguồn"), max_length=10, choices=CollectiveSource.choices)

    class Meta:
        verbose_name = _("số liệu năm của tập thể")
        verbose_name_plural = _("số liệu năm của tập thể")
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="one_collective_year_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(completed__lte=models.F("members"))
                & Q(ldtt__lte=models.F("members"))
                & Q(cstdcs__lte=models.F("members")),
                name="collectiveyear_counts_within_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"


class InitiativeUse(TimestampedModel):
    """The one use of an initiative (D-6: one initiative supports one proposal only): the
    one-to-one key makes a second use impossible in the database."""

    initiative = models.OneToOneField(
        "people.Initiative", on_delete=models.PROTECT, related_name="use"
    )
    award_record = models.ForeignKey(
        AwardRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_uses",
    )
    proposal_ref = models.CharField(_("hồ sơ đề nghị"), max_length=200, blank=True)
    used_on = models.DateField(_("ngày sử dụng"))

    class Meta:
        verbose_name = _("sử dụng sáng kiến")
        verbose_name_plural = _("sử dụng sáng kiến")
        constraints = [
            models.CheckConstraint(
                condition=Q(award_record__isnull=False) | ~Q(proposal_ref=""),
                name="initiativeuse_has_target",
            )
        ]

    def __str__(self) -> str:
        return str(self.initiative_id)
