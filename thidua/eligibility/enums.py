"""States of a batch check and the verdicts stored with its results."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang kiểm tra")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Bị lỗi")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATUSES = (BatchStatus.QUEUED, BatchStatus.RUNNING)


class VerdictChoice(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện")
    NEEDS_REVIEW = "needs_review", _("Cần xem xét")
