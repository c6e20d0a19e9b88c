"""Official-document records: the register of numbers (N-7) and the history of what was printed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimestampedModel
from thidua.documents.enums import Channel, DocumentFormat, SigningMode


class DocumentNumber(TimestampedModel):
    """One entry of an issuing body's number register (sổ đăng ký văn bản đi).

    Nghị định 30/2020, Điều 15 and Phụ lục I (N-7): numbers run per issuing body, restart at 01
    on 1 January, and take a leading zero below 10: "05/TTr-UBND".
    """

    issuer = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="document_numbers",
        verbose_name=_("cơ quan ban hành"),
    )
    year = models.PositiveIntegerField(_("năm"))
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    type_code = models.CharField(_("ký hiệu loại văn bản"), max_length=20, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=100)
    kind = models.CharField(_("loại văn bản (mã)"), max_length=60, blank=True)
    cluster_year = models.ForeignKey(
        "clusters.ClusterYear",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("năm hoạt động của cụm, khối"),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    # The date the document carries, chosen by the person who issues it (never the print date).
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lấy số"),
    )

    class Meta:
        verbose_name = _("số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        ordering = ["issuer", "-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "sequence"], name="one_number_per_issuer_year"
            ),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="sequence_from_1"),
            # A document of a cluster year is issued once: one number per kind and year.
            models.UniqueConstraint(
                fields=["kind", "cluster_year"],
                condition=models.Q(cluster_year__isnull=False) & ~models.Q(kind=""),
                name="one_number_per_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issuer})"


class GeneratedDocument(models.Model):
    """A document someone downloaded (web) or wrote (command line): what was printed, and when."""

    kind = models.CharField(_("loại văn bản (mã)"), max_length=60)
    title = models.CharField(_("tên văn bản"), max_length=255)
    cluster_year = models.ForeignKey(
        "clusters.ClusterYear",
        on_delete=models.PROTECT,
        related_name="generated_documents",
        verbose_name=_("năm hoạt động của cụm, khối"),
    )
    format = models.CharField(_("định dạng"), max_length=10, choices=DocumentFormat.choices)
    filename = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    mode = models.CharField(
        _("bản"), max_length=10, choices=SigningMode.choices, default=SigningMode.ORIGINAL
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    generated_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("văn bản đã tạo")
        verbose_name_plural = _("văn bản đã tạo")
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} — {self.generated_at:%d/%m/%Y %H:%M}"
