"""Plans and rules of a cluster year (versions, comments, adoption), movements and drives.

Models stay thin: the rules (locking after adoption, one report per unit, deadlines…) live in
``services.py`` and ``validators.py``; the database backs the important ones with constraints.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from thidua.clusters.enums import CycleStep
from thidua.core.models import StoredFile, TimestampedModel
from thidua.core.sortkeys import SortKeyed
from thidua.planning.enums import MovementKind, PlanKind


def _stored_name(filename: str) -> str:
    """A random folder keeps two uploads with the same name apart; the name stays readable."""
    name = get_valid_filename(PurePath(filename).name) or "tep"
    return f"{uuid.uuid4().hex}/{name[-120:]}"


def movement_document_path(instance: Movement, filename: str) -> str:
    return f"planning/movements/{instance.authority.code}/{_stored_name(filename)}"


class PlanDocument(TimestampedModel):
    """The work plan or the operating rules of one cluster year; its text lives in versions."""

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="plan_documents"
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=PlanKind.choices)

    class Meta:
        verbose_name = _("kế hoạch, quy chế của cụm")
        verbose_name_plural = _("kế hoạch, quy chế của cụm")
        ordering = ["cluster_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "kind"], name="one_plan_document_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.cluster_year}"


class PlanVersion(TimestampedModel):
    """One version (bản) of a plan document. A draft until adopted; adopted versions are locked.

    A change after adoption is a new version (number + 1) that must be adopted again; the
    database allows at most one draft per document.
    """

    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("bản số"))
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    change_note = models.CharField(_("điểm thay đổi so với bản trước"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("người soạn"),
    )
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("người ghi nhận thông qua"),
    )
    adopted_at_meeting = models.CharField(_("thông qua tại"), max_length=300, blank=True)
    presented_by = models.CharField(_("người trình bày"), max_length=300, blank=True)
    adoption_note = models.TextField(_("ghi chú khi thông qua"), blank=True)

    class Meta:
        verbose_name = _("bản kế hoạch, quy chế")
        verbose_name_plural = _("bản kế hoạch, quy chế")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_plan_version"),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(adopted_on__isnull=True),
                name="one_draft_per_plan_document",
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="plan_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (bản {self.number})"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class PlanAttachment(StoredFile):
    """A PDF/DOCX attached to a version. Served only through the scoped download view.

    A new version carries the attachments of the previous one: same stored file, new row.
    """

    storage_folder = "planning/plans"

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("tệp đính kèm kế hoạch, quy chế")
        verbose_name_plural = _("tệp đính kèm kế hoạch, quy chế")
        ordering = ["version", "id"]


class PlanComment(TimestampedModel):
    """A member's comment on a version; ``parent`` set = a reply in the thread of that comment."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="replies", null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # The author's unit (or authority) when writing: people move, the record does not.
    author_label = models.CharField(_("người góp ý"), max_length=300)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    body = models.TextField(_("ý kiến"))

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["version", "created", "id"]

    def __str__(self) -> str:
        return f"{self.author_label}: {self.body[:60]}"


class Movement(SortKeyed, TimestampedModel):
    """A phong trào thi đua launched (phát động) by an authority, for some cluster years.

    Participation is per cluster year, not per cluster: clusters change members every year
    (and merge or split, 2025), so "Cụm 10 took part in 2020" is exactly one ``ClusterYear``;
    visibility then follows the same scope as everything else of that year.
    """

    authority = models.ForeignKey(
        "organizations.Authority",
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("cơ quan phát động"),
    )
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=MovementKind.choices)
    title = models.CharField(_("tên phong trào"), max_length=300)
    slogan = models.CharField(_("khẩu hiệu, chủ đề"), max_length=500, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    document_number = models.CharField(_("số văn bản phát động"), max_length=100, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    document_file = models.FileField(
        _("tệp văn bản phát động"), upload_to=movement_document_path, max_length=255, blank=True
    )
    document_file_name = models.CharField(max_length=255, blank=True)
    cluster_years = models.ManyToManyField(
        "clusters.ClusterYear",
        related_name="movements",
        verbose_name=_("cụm, khối tham gia"),
    )
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, default="")

    sort_source = "title"
    search_sources = ("title", "slogan", "document_number", "description")

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="movement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Drive(TimestampedModel):
    """An đợt thi đua of a cluster year (e.g. the 4 drives of Cụm 10 in 2020)."""

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="drives"
    )
    number = models.PositiveIntegerField(_("đợt số"))
    name = models.CharField(_("tên đợt"), max_length=300)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    occasion = models.CharField(_("dịp, sự kiện"), max_length=500, blank=True)
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        related_name="drives",
        null=True,
        blank=True,
        verbose_name=_("thuộc phong trào"),
    )
    description = models.TextField(_("nội dung"), blank=True)
    # The report deadline is a step deadline of the cluster year (step ``drive_report``, key
    # ``drive-<number>``): reopening it for one unit is the same extension as for every step.
    report_deadline = models.OneToOneField(
        "clusters.Deadline",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("hạn báo cáo kết quả"),
    )

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["cluster_year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "number"], name="unique_drive_number"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="drive_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def deadline_key(self) -> str:
        """Which ``drive_report`` deadline of the cluster year is this drive's."""
        return f"drive-{self.number}"

    @property
    def report_due_at(self) -> dt.datetime | None:
        return self.report_deadline.due_at if self.report_deadline is not None else None

    @property
    def report_deadline_passed(self) -> bool:
        """The deadline has passed (for units without a reopening: the page's "đã hết hạn")."""
        due = self.report_due_at
        return due is not None and timezone.now() > due


class DriveReport(TimestampedModel):
    """A member unit's result for one drive: one per unit, editable until the report deadline."""

    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="drive_reports"
    )
    summary = models.TextField(_("kết quả thực hiện"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("báo cáo kết quả đợt thi đua")
        verbose_name_plural = _("báo cáo kết quả đợt thi đua")
        ordering = ["drive", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["drive", "organization"], name="one_drive_report_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.drive}"


class DriveEvidence(StoredFile):
    """A file of evidence (minh chứng) attached to a drive report."""

    storage_folder = "planning/drives"

    report = models.ForeignKey(DriveReport, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["report", "id"]


class StepCompletion(TimestampedModel):
    """A step of the cluster year marked done (here: the plan step, when plan and rules are adopted).

    Kept once set: a later amendment (a new version to adopt) does not undo the step.
    """

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="completed_steps"
    )
    step = models.CharField(_("bước"), max_length=20, choices=CycleStep.choices)
    done_on = models.DateField(_("hoàn thành ngày"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bước đã hoàn thành")
        verbose_name_plural = _("bước đã hoàn thành")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "step"], name="one_completion_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.cluster_year} — {self.get_step_display()}"
