"""Glossary: AwardType = danh hiệu thi đua (category=title) or hình thức khen thưởng
(category=form); subject = đối tượng (tập thể, cá nhân, hộ gia đình); level = cấp khen;
Decider = thẩm quyền quyết định (AwardDecider: by period); BaseSalary = lương cơ sở."""

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


class Decider(models.TextChoices):
    """Who decides an award (thẩm quyền quyết định), by period: see ``AwardDecider``."""

    HEAD_OF_UNIT = "head_of_unit", _("Thủ trưởng cơ quan, đơn vị")
    COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND cấp xã")
    DISTRICT_CHAIR = "district_chair", _("Chủ tịch UBND cấp huyện")
    PROVINCIAL_CHAIR = "provincial_chair", _("Chủ tịch UBND cấp tỉnh")
    MINISTER = "minister", _("Bộ trưởng, Thủ trưởng cơ quan trung ương")
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")
