"""Glossary: Restructuring = sắp xếp lại đơn vị (quyết định sáp nhập, hợp nhất, chia tách, đổi tên,
chuyển cơ quan quản lý, giải thể); predecessor = đơn vị cũ; successor = đơn vị mới (kế thừa)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RestructuringKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập, hợp nhất")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Chuyển cơ quan quản lý")
    DISSOLVE = "dissolve", _("Giải thể")


class MembershipAction(models.TextChoices):
    """What a restructuring does to one membership of an old unit."""

    MOVE = "move", _("Chuyển cho đơn vị mới")
    JOIN = "join", _("Đơn vị cũ rời cụm, đơn vị mới vào cụm từ ngày hiệu lực")
    END = "end", _("Rời cụm từ ngày hiệu lực")
    DROP = "drop", _("Bỏ khỏi năm sau (đơn vị cũ không còn hoạt động)")
    KEEP = "keep", _("Giữ nguyên")


class PeopleAction(models.TextChoices):
    """What a restructuring does to the open periods of the people of one old unit."""

    MOVE = "move", _("Chuyển sang đơn vị kế thừa từ ngày hiệu lực")
    END = "end", _("Kết thúc công tác trước ngày hiệu lực")
    STAY = "stay", _("Giữ nguyên: chuyển từng người")
