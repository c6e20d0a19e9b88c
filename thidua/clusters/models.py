from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.clusters.enums import HEAD_LABELS, ClusterKind, CycleStep, HeadsStatus
from thidua.core.models import TimestampedModel
from thidua.core.sortkeys import SortKeyed


class Cluster(SortKeyed, TimestampedModel):
    """A cụm or khối thi đua organised by an authority. Its yearly life is in ``ClusterYear``."""

    authority = models.ForeignKey(
        "organizations.Authority",
        on_delete=models.PROTECT,
        related_name="clusters",
        verbose_name=_("cơ quan tổ chức"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    search_text = models.TextField(editable=False, default="")

    search_sources = ("name", "code")

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["authority__sort_key", "sort_key"]

    def __str__(self) -> str:
        return self.name

    @property
    def noun(self) -> str:
        """“cụm” or “khối”: how a sentence names this cluster (``clusters.enums.kind_noun``)."""
        from thidua.clusters.enums import kind_noun

        return kind_noun(self.kind)


class ClusterYear(TimestampedModel):
    """One year of a cluster: its members, head and deputy, and theme. Never overwritten."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveIntegerField(_("năm"))
    theme = models.TextField(_("chủ đề năm"), blank=True)
    head = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="headed_cluster_years",
        null=True,
        blank=True,
        verbose_name=_("đơn vị trưởng"),
    )
    deputy = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="deputy_cluster_years",
        null=True,
        blank=True,
        verbose_name=_("đơn vị phó"),
    )
    head_decision_ref = models.CharField(_("văn bản bầu / phân công"), max_length=200, blank=True)
    head_decision_date = models.DateField(_("ngày văn bản bầu / phân công"), null=True, blank=True)
    heads_status = models.CharField(
        _("tình trạng đơn vị trưởng, phó"),
        max_length=20,
        choices=HeadsStatus.choices,
        default=HeadsStatus.NOT_CHOSEN_YET,
        help_text=_("“Không rõ” khi năm đã qua không còn hồ sơ; khác với “chưa chọn”."),
    )

    class Meta:
        verbose_name = _("năm hoạt động của cụm, khối")
        verbose_name_plural = _("năm hoạt động của cụm, khối")
        ordering = ["cluster", "-year"]
        # The lists (/clusters/, /api/v1/cluster-years/) read the newest years first: the
        # database walks this index and sorts one year at a time, then stops at the page's end.
        indexes = [models.Index(fields=["-year"], name="cluster_year_newest_first")]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="one_cluster_year_per_year"),
            models.CheckConstraint(
                condition=models.Q(head__isnull=True)
                | models.Q(deputy__isnull=True)
                | ~models.Q(head=models.F("deputy")),
                name="head_is_not_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster.name} — {self.year}"

    @property
    def head_label(self) -> str:
        return str(HEAD_LABELS[ClusterKind(self.cluster.kind)][0])

    @property
    def noun(self) -> str:
        """“cụm” or “khối” (see ``Cluster.noun``)."""
        return self.cluster.noun

    @property
    def deputy_label(self) -> str:
        return str(HEAD_LABELS[ClusterKind(self.cluster.kind)][1])

    @property
    def effective_heads_status(self) -> str:
        """Chosen as soon as a head or deputy is recorded, whatever wrote it; else the stored
        state (not chosen yet, or unknown for lack of records)."""
        if self.head_id or self.deputy_id:
            return HeadsStatus.CHOSEN
        return self.heads_status or HeadsStatus.NOT_CHOSEN_YET

    @property
    def heads_unknown(self) -> bool:
        return self.effective_heads_status == HeadsStatus.UNKNOWN

    @property
    def missing_head_text(self) -> str:
        """What a page or a document says where no head (or deputy) is recorded."""
        if self.heads_unknown:
            return str(HeadsStatus.UNKNOWN.label)
        return str(HeadsStatus.NOT_CHOSEN_YET.label)

    @property
    def heads_source(self) -> str:
        """ "QĐ 12/QĐ-CTĐ ngày 15/02/2021": the decision or minutes that recorded the heads."""
        ref = self.head_decision_ref.strip()
        if self.head_decision_date is None:
            return ref
        day = self.head_decision_date.strftime("%d/%m/%Y")
        if not ref:
            return str(_("ngày {day}")).format(day=day)
        return str(_("{ref} ngày {day}")).format(ref=ref, day=day)


class ClusterMembership(TimestampedModel):
    """A unit's membership in a cluster year.

    ``year``, ``authority`` and ``kind`` are copied from the cluster year so that the database
    itself forbids one unit in two clusters of the same kind and authority in one year.
    """

    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    year = models.PositiveIntegerField(editable=False)
    authority = models.ForeignKey(
        "organizations.Authority", on_delete=models.PROTECT, related_name="+", editable=False
    )
    kind = models.CharField(max_length=10, choices=ClusterKind.choices, editable=False)
    joined_on = models.DateField(_("tham gia từ"), null=True, blank=True)
    left_on = models.DateField(_("rời cụm ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "authority", "kind"],
                name="one_cluster_per_kind_authority_year",
            ),
            models.UniqueConstraint(fields=["cluster_year", "organization"], name="unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ∈ {self.cluster_year}"


class Deadline(TimestampedModel):
    """The deadline of one step of a cluster year (registration, pledge, self-scoring…).

    A step that happens several times a year (the report of each drive) has one deadline per
    occurrence, told apart by ``key`` (e.g. ``drive-3``); the once-a-year steps leave it empty.
    """

    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="deadlines"
    )
    step = models.CharField(_("bước"), max_length=20, choices=CycleStep.choices)
    key = models.CharField(_("lần"), max_length=40, blank=True, default="")
    due_at = models.DateTimeField(_("hạn chót"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hạn chót")
        verbose_name_plural = _("hạn chót")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "step", "key"], name="one_deadline_per_step"
            )
        ]

    def __str__(self) -> str:
        label = f"{self.cluster_year} — {self.get_step_display()}"
        return f"{label} ({self.key})" if self.key else label


class DeadlineExtension(TimestampedModel):
    """The secretariat reopens a step for one unit after the deadline, until a date, with a reason."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    until = models.DateTimeField(_("mở lại đến"))
    reason = models.TextField(_("lý do"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người mở lại"),
    )

    class Meta:
        verbose_name = _("mở lại hạn cho đơn vị")
        verbose_name_plural = _("mở lại hạn cho đơn vị")
        ordering = ["-until"]

    def __str__(self) -> str:
        return f"{self.deadline} — {self.organization} ({self.until:%d/%m/%Y})"
