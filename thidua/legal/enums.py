from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How sure we are of a rule (see shared/domain-rules.md): [R] and [3P] must stay configurable."""

    SOURCE = "S", _("[S] Có nguồn công bố")
    S_MIRROR = "S-mirror", _("[S-mirror] Theo bản sao của bên thứ ba, cần đối chiếu Công báo")
    SOURCE_OLD = "S-old", _("[S-old] Theo quy định cũ")
    UNCONFIRMED = "R", _("[R] Chưa xác nhận, cần kiểm tra")
    THIRD_PARTY = "3P", _("[3P] Chỉ từ nguồn bên thứ ba")
