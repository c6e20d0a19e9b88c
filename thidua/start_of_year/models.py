from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import StoredFile, TimestampedModel
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    EDITABLE_STATUSES,
    OPEN_EXPORT_STATUSES,
    ExportKind,
    ExportStatus,
    ItemKind,
    PledgeStatus,
    RegistrationStatus,
    SignatureMethod,
)


class YearSettings(TimestampedModel):
    """Limits of one cluster year, agreed in its plan and rules and edited by the secretariat.

    When a cluster year has no row, the field defaults apply (``selectors.settings_for``).
    """

    # What the secretariat edits (the form) and the audit trail records (the service).
    EDITABLE_FIELDS = (
        "pledge_min_items",
        "pledge_max_items",
        "models_min",
        "models_max",
        "topics_min",
        "topics_max",
        "progress_stale_days",
        "basis",
    )

    cluster_year = models.OneToOneField(
        "clusters.ClusterYear", on_delete=models.CASCADE, related_name="start_of_year_settings"
    )
    pledge_min_items = models.PositiveSmallIntegerField(
        _("số nội dung giao ước tối thiểu"), default=3
    )
    pledge_max_items = models.PositiveSmallIntegerField(
        _("số nội dung giao ước tối đa"), default=10
    )
    models_min = models.PositiveSmallIntegerField(_("số mô hình tối thiểu mỗi đơn vị"), default=1)
    models_max = models.PositiveSmallIntegerField(_("số mô hình tối đa mỗi đơn vị"), default=2)
    topics_min = models.PositiveSmallIntegerField(_("số chuyên đề tối thiểu mỗi đơn vị"), default=1)
    topics_max = models.PositiveSmallIntegerField(_("số chuyên đề tối đa mỗi đơn vị"), default=2)
    progress_stale_days = models.PositiveSmallIntegerField(
        _("số ngày không báo cáo tiến độ thì coi là chậm"),
        default=90,
        help_text=_("0 = không theo dõi theo số ngày (chỉ theo hạn báo cáo tiến độ)."),
    )
    basis = models.CharField(
        _("căn cứ"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Kế hoạch công tác thi đua, khen thưởng năm 2020 của Cụm."),
    )

    class Meta:
        verbose_name = _("cài đặt đầu năm của cụm, khối")
        verbose_name_plural = _("cài đặt đầu năm của cụm, khối")
        constraints = [
            models.CheckConstraint(
                condition=Q(pledge_min_items__lte=models.F("pledge_max_items")),
                name="pledge_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(models_min__lte=models.F("models_max")), name="models_min_le_max"
            ),
            models.CheckConstraint(
                condition=Q(topics_min__lte=models.F("topics_max")), name="topics_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster_year}"


class Pledge(TimestampedModel):
    """One version of a cluster year's pledge (giao ước thi đua).

    A version with signatures is never edited: a change makes the next version (a draft), which
    replaces this one when it is opened for signing. Old versions keep their signatures.
    """

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="pledges"
    )
    version = models.PositiveIntegerField(_("phiên bản"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    preamble = models.TextField(_("lời mở đầu"), blank=True)
    doc_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    conference_date = models.DateField(_("ngày hội nghị ký kết"), null=True, blank=True)
    conference_place = models.CharField(
        _("nơi tổ chức hội nghị ký kết"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Hội trường UBND huyện Sóc Sơn."),
    )
    change_note = models.TextField(_("nội dung thay đổi so với phiên bản trước"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("mở ký lúc"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("có hiệu lực lúc"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("bị thay thế lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["cluster_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "version"], name="one_pledge_per_version"
            ),
            models.UniqueConstraint(
                fields=["cluster_year"],
                condition=Q(status=PledgeStatus.DRAFT),
                name="one_draft_pledge_per_year",
            ),
            models.UniqueConstraint(
                fields=["cluster_year"],
                condition=Q(status__in=CURRENT_PLEDGE_STATUSES),
                name="one_current_pledge_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_PLEDGE_STATUSES

    @property
    def is_draft(self) -> bool:
        return self.status == PledgeStatus.DRAFT

    @property
    def is_in_force(self) -> bool:
        return self.status == PledgeStatus.IN_FORCE

    @property
    def is_superseded(self) -> bool:
        return self.status == PledgeStatus.SUPERSEDED


class PledgeItem(TimestampedModel):
    """A numbered commitment (nội dung cam kết) of one pledge version."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("tiêu đề ngắn"), max_length=300, blank=True)
    text = models.TextField(_("nội dung cam kết"))

    class Meta:
        verbose_name = _("nội dung cam kết")
        verbose_name_plural = _("nội dung cam kết")
        ordering = ["pledge", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"], name="unique_pledge_item_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title or self.text[:60]}"


class PledgeTarget(TimestampedModel):
    """A measurable target of a commitment, for every member or for one member unit."""

    item = models.ForeignKey(PledgeItem, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField(_("chỉ tiêu"), max_length=500)
    metric = models.CharField(_("thước đo"), max_length=200, blank=True)
    value = models.DecimalField(
        _("giá trị"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("áp dụng cho đơn vị"),
        help_text=_("Để trống: áp dụng cho tất cả đơn vị thành viên."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.text


class PledgeSignature(TimestampedModel):
    """A member unit's signature on one pledge version (by its leader, in the app)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="signatures")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    # Blank only for a signature recorded from a source that does not name the signer.
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"))
    method = models.CharField(
        _("cách ký"), max_length=10, choices=SignatureMethod.choices, default=SignatureMethod.IN_APP
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản ký"),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        ordering = ["pledge", "signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "organization"], name="one_signature_per_unit_and_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.signer_name}"

    @property
    def is_recorded(self) -> bool:
        """Signed on paper and recorded (data import), not in the app."""
        return self.method == SignatureMethod.RECORDED


class Registration(TimestampedModel):
    """A member unit's emulation registration (đăng ký thi đua) for one cluster year."""

    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="registrations"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="registrations"
    )
    award = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("danh hiệu, hình thức đăng ký"),
    )
    goals = models.TextField(_("mục tiêu, chỉ tiêu chính"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["cluster_year", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "organization"], name="one_registration_per_unit_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.cluster_year}"

    @property
    def is_editable(self) -> bool:
        """In a state the unit may change (its deadline aside): a draft or returned."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_returned(self) -> bool:
        return self.status == RegistrationStatus.RETURNED

    def items_of(self, kind: str) -> Any:
        """The models or the topics of this registration (a related manager)."""
        return self.emulation_models if kind == ItemKind.MODEL else self.topics


class RegistrationEvent(models.Model):
    """One line of a registration's status history (who, when, what, why)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=12)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=12, choices=RegistrationStatus.choices
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=12, choices=RegistrationStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=200)
    at = models.DateTimeField(_("lúc"))
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("lịch sử đăng ký")
        verbose_name_plural = _("lịch sử đăng ký")
        ordering = ["registration", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration} {self.from_status}→{self.to_status}"


class RegisteredItem(TimestampedModel):
    """Common shape of a model (mô hình) and a topic (chuyên đề) of a registration."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE)
    name = models.CharField(_("tên"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    expected_result = models.TextField(_("kết quả dự kiến"), blank=True)
    is_sample = models.BooleanField(
        _("dữ liệu minh họa"), default=False, help_text=_("Tạo cho bản demo, không có trong nguồn.")
    )

    class Meta:
        abstract = True
        ordering = ["registration", "pk"]

    def __str__(self) -> str:
        return self.name


class EmulationModel(RegisteredItem):
    """Mô hình thi đua (never call a class ``Model``)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="emulation_models"
    )

    class Meta(RegisteredItem.Meta):
        verbose_name = _("mô hình thi đua")
        verbose_name_plural = _("mô hình thi đua")


class Topic(RegisteredItem):
    """Chuyên đề thi đua."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="topics")

    class Meta(RegisteredItem.Meta):
        verbose_name = _("chuyên đề thi đua")
        verbose_name_plural = _("chuyên đề thi đua")


class ProgressUpdate(TimestampedModel):
    """A progress report on one model or one topic, with evidence files."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="progress_updates"
    )
    emulation_model = models.ForeignKey(
        EmulationModel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="progress_updates"
    )
    text = models.TextField(_("kết quả thực hiện"))
    reported_at = models.DateTimeField(_("báo cáo lúc"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    after_deadline = models.BooleanField(_("báo cáo sau hạn"), default=False)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(emulation_model__isnull=False) & Q(topic__isnull=True))
                | (Q(emulation_model__isnull=True) & Q(topic__isnull=False)),
                name="progress_on_exactly_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.reported_at:%d/%m/%Y}"

    @property
    def item(self) -> Any:
        return self.emulation_model or self.topic


def evidence_path(instance: Evidence, filename: str) -> str:
    """Where evidence was stored before it became a ``StoredFile`` (named by migration 0001)."""
    extension = PurePath(filename).suffix.lower()
    return f"cycle/evidence/{uuid.uuid4().hex}{extension}"


class Evidence(StoredFile):
    """A file attached to a progress update (minh chứng). Served only through the scope-checking
    view. Files uploaded before it was a ``StoredFile`` keep their stored name under
    ``cycle/evidence/``; new ones go under ``start_of_year/evidence/<year>/<month>/``."""

    storage_folder = "start_of_year/evidence"

    progress = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["progress", "pk"]


def export_path(instance: ExportJob, filename: str) -> str:
    """Exports sit in the default storage (shared by every app server) under a random name."""
    return f"start_of_year/exports/{instance.uuid.hex}.xlsx"


class ExportJob(models.Model):
    """An XLSX export built in the background (django-tasks): the roll-up or the follow-up list
    of a whole year. ``parameters`` are the page's filters, checked when queued and again by the
    task with the requester's scope; ``done``/``total`` count the rows written. Only the requester
    sees the job and downloads the file; jobs and files older than ``EXPORT_MAX_AGE`` are
    removed when someone queues a new export (``services.exports``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=ExportKind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    parameters = models.JSONField(_("bộ lọc"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("số dòng"), default=0)
    done = models.PositiveIntegerField(_("đã ghi"), default=0)
    file = models.FileField(_("tệp"), upload_to=export_path, max_length=255, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.uuid})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_EXPORT_STATUSES

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0
