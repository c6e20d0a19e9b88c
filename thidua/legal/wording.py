"""Every parameter value in words ("≥ 70 %", "trên 1/2", "Có", "3 năm liên tục",
"Hoàn thành tốt nhiệm vụ trở lên", "4,5 lần lương cơ sở"), and its citation. Pages, the
comparison and (later) the eligibility reasons use these: no raw True, list or float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.legal.definitions import BY_CODE
from thidua.legal.enums import Confidence, ValueType

RATINGS = {
    "HTXS": gettext_lazy("Hoàn thành xuất sắc nhiệm vụ"),
    "HTT": gettext_lazy("Hoàn thành tốt nhiệm vụ"),
    "HT": gettext_lazy("Hoàn thành nhiệm vụ"),
    "KHT": gettext_lazy("Không hoàn thành nhiệm vụ"),
}
DISCIPLINES = {
    "khien_trach": gettext_lazy("Khiển trách"),
    "canh_cao": gettext_lazy("Cảnh cáo"),
    "ha_bac_luong": gettext_lazy("Hạ bậc lương, giáng chức"),
    "cach_chuc": gettext_lazy("Cách chức"),
    "buoc_thoi_viec": gettext_lazy("Buộc thôi việc"),
}
SCOPES = {
    "unit": gettext_lazy("cơ sở"),
    "commune": gettext_lazy("cấp xã"),
    "province": gettext_lazy("cấp bộ, ban, ngành, tỉnh"),
    "national": gettext_lazy("toàn quốc"),
}
AWARDS = {
    "LDTT": gettext_lazy("Lao động tiên tiến"),
    "CSTDCS": gettext_lazy("Chiến sĩ thi đua cơ sở"),
    "CSTD_TINH": gettext_lazy("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"),
    "CSTDTQ": gettext_lazy("Chiến sĩ thi đua toàn quốc"),
    "TTLDTT": gettext_lazy("Tập thể lao động tiên tiến"),
    "TTLDXS": gettext_lazy("Tập thể lao động xuất sắc"),
    "CTD_TINH": gettext_lazy("Cờ thi đua cấp bộ, ban, ngành, tỉnh"),
    "CTD_CP": gettext_lazy("Cờ thi đua của Chính phủ"),
    "CTD_6X": gettext_lazy("Cờ thi đua của quân khu, quân đoàn, Đại học Quốc gia…"),
    "BK_TINH": gettext_lazy("Bằng khen cấp bộ, ban, ngành, tỉnh"),
    "BK_TTG": gettext_lazy("Bằng khen của Thủ tướng Chính phủ"),
    "XA_TIEU_BIEU": gettext_lazy("Xã, phường tiêu biểu"),
    "THON_VAN_HOA": gettext_lazy("Thôn, tổ dân phố văn hóa"),
}
CHOICES = {
    "none": gettext_lazy("Không tính"),
    "rename": gettext_lazy("Chỉ khi đổi tên"),
    "rename_merge": gettext_lazy("Khi đổi tên hoặc hợp nhất"),
    "all": gettext_lazy("Mọi trường hợp sắp xếp"),
    "mean": gettext_lazy("Trung bình cộng"),
    "median": gettext_lazy("Trung vị"),
}
SYMBOLS = {
    "gte": "≥",
    "gt": gettext_lazy("trên"),
    "lte": "≤",
    "lt": gettext_lazy("dưới"),
    "eq": "=",
}


def number(value: Decimal | int) -> str:
    """Vietnamese digits: ``4,5``, ``10.000``."""
    amount = Decimal(value)
    whole, _dot, fraction = format(amount.normalize(), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def ratio(value: Fraction) -> str:
    """``7/10`` → ``70 %``; halves and thirds stay fractions (``trên 1/2``)."""
    if value.denominator not in (2, 3) and 100 % value.denominator == 0:
        return f"{number(Decimal(value.numerator * 100) / value.denominator)} %"
    return f"{value.numerator}/{value.denominator}"


def _compare(operator: str | None, text: str) -> str:
    if operator in (None, "", "eq"):
        return text
    return f"{SYMBOLS[operator]} {text}"


def _at_least(operator: str | None, text: str) -> str:
    if operator == "gte":
        return _("{name} trở lên").format(name=text)
    return _compare(operator, text)


def _years(value: int, operator: str | None, unit: str) -> str:
    if operator == "gte":
        return _("{n} năm liên tục").format(n=value)
    return _compare(operator, _("{n} năm").format(n=value))


def _plain(value: Any, operator: str | None, unit: str) -> str:
    text = number(value) if isinstance(value, (int, Decimal)) else str(value)
    return _compare(operator, f"{text} {unit}".strip())


WORDERS: dict[str, Any] = {
    ValueType.RATIO: lambda v, op, unit: _compare(op, ratio(v)),
    ValueType.BOOL: lambda v, op, unit: _("Có") if v else _("Không"),
    ValueType.YEARS: _years,
    ValueType.MULTIPLE: lambda v, op, unit: _("{n} lần lương cơ sở").format(n=number(v)),
    ValueType.MONEY: lambda v, op, unit: _("{n} đồng").format(n=number(v)),
    ValueType.RATING: lambda v, op, unit: _at_least(op, str(RATINGS.get(v, v))),
    ValueType.DISCIPLINE: lambda v, op, unit: _at_least(
        op, _("kỷ luật {name}").format(name=DISCIPLINES.get(v, v))
    ),
    ValueType.SCOPE: lambda v, op, unit: _at_least(
        op, _("phạm vi {name}").format(name=SCOPES.get(v, v))
    ),
    ValueType.AWARD: lambda v, op, unit: str(AWARDS.get(v, v)),
    ValueType.ENUM: lambda v, op, unit: str(CHOICES.get(v, v)),
}


def in_words(code: str, value_type: str, operator: str | None, value: Any) -> str:
    """A value in words, following its type (and its definition's unit)."""
    if value is None:
        return _("(không có giá trị)")
    if value_type == ValueType.STRUCTURE:
        return structure(code, value)
    definition = BY_CODE.get(code)
    unit = definition.unit if definition else ""
    return str(WORDERS.get(value_type, _plain)(value, operator, unit))


def structure(code: str, value: Any) -> str:
    """A table value (the scoring scale's bands and tie-break order) as a sentence."""
    if code == "bands":
        return "; ".join(
            _("{label} từ {min} điểm").format(label=b["label"], min=b["min"]) for b in value
        )
    if code == "tie_break":
        names = {"penalty": _("ít điểm trừ hơn"), "bonus": _("nhiều điểm thưởng hơn")}
        return "; ".join(names.get(k, _("điểm nhóm {g}").format(g=k.split(":")[-1])) for k in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def param_words(param: Any) -> str:
    return in_words(param.code, param.value_type, param.operator, param.value)


def citation(param: Any) -> str:
    """ "Điều 22 Luật TĐKT 2022" (article and the instrument's short name)."""
    name = param.instrument.short_name if param.instrument_id else ""
    return f"{param.article} {name}".strip()


def mark_words(mark: str) -> str:
    return str(Confidence(mark).label) if mark in Confidence.values else mark


@dataclass(frozen=True)
class Row:
    """One parameter as a page shows it."""

    code: str
    award_code: str
    name: str
    award: str
    value: str
    citation: str
    mark: str
    mark_label: str
    note: str


def row(param: Any) -> Row:
    definition = BY_CODE.get(param.code)
    return Row(
        code=param.code,
        award_code=param.award_code,
        name=definition.name if definition else param.code,
        award=str(AWARDS.get(param.award_code, param.award_code)),
        value=param_words(param),
        citation=citation(param),
        mark=param.mark,
        mark_label=mark_words(param.mark),
        note=param.note,
    )


# The rule a parameter belongs to, for grouping on the pages: prefix → (order, title). The
# article is on each row (it differs between regimes), not in the title.
GROUPS: dict[str, tuple[int, Any]] = {
    "ldtt": (1, gettext_lazy("Lao động tiên tiến")),
    "cstdcs": (2, gettext_lazy("Chiến sĩ thi đua cơ sở")),
    "cstd_tinh": (3, gettext_lazy("Chiến sĩ thi đua cấp tỉnh")),
    "cstdtq": (4, gettext_lazy("Chiến sĩ thi đua toàn quốc")),
    "ttldtt": (5, gettext_lazy("Tập thể lao động tiên tiến")),
    "ttldxs": (6, gettext_lazy("Tập thể lao động xuất sắc")),
    "ctd": (7, gettext_lazy("Cờ thi đua")),
    "bk": (8, gettext_lazy("Bằng khen")),
    "council": (9, gettext_lazy("Hội đồng thi đua, khen thưởng và công khai")),
    "reward": (10, gettext_lazy("Tiền thưởng")),
    "common": (11, gettext_lazy("Nguyên tắc chung")),
    "scale": (12, gettext_lazy("Thang điểm")),
}
PREFIXES = (
    ("ldtt_", "ldtt"),
    ("cstdcs_", "cstdcs"),
    ("cstd_tinh_", "cstd_tinh"),
    ("cstdtq_", "cstdtq"),
    ("ttldtt_", "ttldtt"),
    ("ttldxs_", "ttldxs"),
    ("ctd", "ctd"),
    ("cluster_leaders", "ctd"),
    ("bk_", "bk"),
    ("council_", "council"),
    ("public_", "council"),
    ("reward_", "reward"),
)
SCALE = {
    "max_total",
    "bonus_cap",
    "bands",
    "tie_break",
    "cross_aggregation",
    "outlier_mad_k",
    "outlier_gap_points",
}


def group_of(code: str) -> str:
    if code in SCALE:
        return "scale"
    return next((key for prefix, key in PREFIXES if code.startswith(prefix)), "common")
