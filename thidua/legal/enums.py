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


class Family(models.TextChoices):
    """Rule sets of one family replace each other in time; families never overlap in meaning."""

    TDKT = "tdkt", _("Luật và văn bản về thi đua, khen thưởng")
    SCORING_SCALE = "scoring_scale", _("Thang điểm chấm điểm thi đua cụm, khối")


class RuleSetStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã ban hành")


class Operator(models.TextChoices):
    GT = "gt", _("trên")
    GTE = "gte", _("từ")
    LT = "lt", _("dưới")
    LTE = "lte", _("không quá")
    EQ = "eq", _("bằng")


class ValueType(models.TextChoices):
    RATIO = "ratio", _("tỷ lệ")
    COUNT = "count", _("số lượng")
    YEARS = "years", _("số năm")
    MONTHS = "months", _("số tháng")
    DAYS = "days", _("số ngày làm việc")
    MONEY = "money", _("số tiền (đồng)")
    MULTIPLE = "multiple", _("hệ số lương cơ sở")
    NUMBER = "number", _("số")
    RATING = "rating", _("mức xếp loại")
    DISCIPLINE = "discipline", _("hình thức kỷ luật")
    SCOPE = "scope", _("phạm vi ảnh hưởng")
    AWARD = "award", _("danh hiệu, hình thức khen thưởng")
    ENUM = "enum", _("lựa chọn")
    BOOL = "bool", _("có/không")
    STRUCTURE = "structure", _("bảng giá trị")


INT_TYPES = (ValueType.COUNT, ValueType.YEARS, ValueType.MONTHS, ValueType.DAYS, ValueType.MONEY)
DECIMAL_TYPES = (ValueType.MULTIPLE, ValueType.NUMBER)
TEXT_TYPES = (
    ValueType.RATING,
    ValueType.DISCIPLINE,
    ValueType.SCOPE,
    ValueType.AWARD,
    ValueType.ENUM,
)


class WhenMissing(models.TextChoices):
    REVIEW = "review", _("cần xem xét")
    SKIP = "skip", _("không áp dụng")


class InstrumentKind(models.TextChoices):
    LAW = "law", _("Luật")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")
    DECISION = "decision", _("Quyết định")
    GUIDANCE = "guidance", _("Công văn, hướng dẫn")
