"""Glossary: AwardType = danh hiệu thi đua (category=title) or hình thức khen thưởng
(category=form); subject = đối tượng (tập thể, cá nhân, hộ gia đình); level = cấp khen."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class AwardSubject(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    ANY = "any", _("Tập thể và cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")


# Subjects a collective (a member unit of a cluster) may register for.
COLLECTIVE_SUBJECTS = (AwardSubject.COLLECTIVE, AwardSubject.ANY)


class AwardLevel(models.TextChoices):
    STATE = "state", _("Nhà nước")
    GOVERNMENT = "government", _("Chính phủ, Thủ tướng Chính phủ")
    PROVINCE = "province", _("Bộ, ban, ngành, tỉnh")
    GRASSROOTS = "grassroots", _("Cơ sở (đơn vị, xã)")
