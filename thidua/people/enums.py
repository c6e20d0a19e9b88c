"""Glossary: Person = cá nhân; Employment = quá trình công tác (one unit at a time); YearRecord =
xếp loại mức độ hoàn thành nhiệm vụ của năm; Discipline = kỷ luật (or a pending examination:
đang bị thanh tra, kiểm tra, xem xét); Initiative = sáng kiến (or đề tài, công trình khoa học)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


class StaffCategory(models.TextChoices):
    """Đối tượng: the law's four kinds of people at work."""

    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    WORKER = "worker", _("Người lao động")


class TaskRating(models.IntegerChoices):
    """Mức xếp loại chất lượng (higher is better: "HTT trở lên" = rating ≥ GOOD)."""

    EXCELLENT = 4, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = 3, _("Hoàn thành tốt nhiệm vụ")
    DONE = 2, _("Hoàn thành nhiệm vụ")
    NOT_DONE = 1, _("Không hoàn thành nhiệm vụ")


# The short codes offices write (and the import reads).
RATING_CODES: dict[str, int] = {
    "HTXS": TaskRating.EXCELLENT,
    "HTT": TaskRating.GOOD,
    "HT": TaskRating.DONE,
    "KHT": TaskRating.NOT_DONE,
}


class DisciplineKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Kỷ luật")
    PENDING = "pending", _("Đang bị thanh tra, kiểm tra, xem xét")


class DisciplineLevel(models.IntegerChoices):
    """Order of severity [R]: a higher level is heavier."""

    REPRIMAND = 1, _("Khiển trách")
    WARNING = 2, _("Cảnh cáo")
    DEMOTION = 3, _("Hạ bậc lương, giáng chức")
    DISMISSAL = 4, _("Cách chức")
    FORCED_RESIGNATION = 5, _("Buộc thôi việc")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài, công trình khoa học")


class InitiativeScope(models.IntegerChoices):
    """Phạm vi ảnh hưởng (higher is wider)."""

    UNIT = 1, _("Cơ sở (đơn vị)")
    COMMUNE = 2, _("Cấp xã")
    PROVINCE = 3, _("Cấp tỉnh, bộ, ngành")
    NATIONAL = 4, _("Toàn quốc")
