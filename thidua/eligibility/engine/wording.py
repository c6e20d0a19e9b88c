"""Reasons in words, rendered from ``message_id`` + arguments (gettext, Vietnamese source), so
stored results stay readable and never re-read the rule set. ``{cite}`` places the citation
inside a sentence; otherwise it follows in brackets. A mark other than [S] follows in words."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as t

from thidua.eligibility.engine.messages import MESSAGES

OUTCOMES = {
    "pass": t("Đạt"),
    "fail": t("Không đạt"),
    "review": t("Cần xem xét"),
    "skip": t("Không áp dụng"),
    "info": t("Thông tin"),
}

AWARDS = {
    "LDTT": t("Lao động tiên tiến"),
    "CSTDCS": t("Chiến sĩ thi đua cơ sở"),
    "CSTD_TINH": t("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"),
    "CSTDTQ": t("Chiến sĩ thi đua toàn quốc"),
    "TTLDTT": t("Tập thể lao động tiên tiến"),
    "TTLDXS": t("Tập thể lao động xuất sắc"),
    "CTD_TINH": t("Cờ thi đua cấp bộ, ban, ngành, tỉnh"),
    "CTD_CP": t("Cờ thi đua của Chính phủ"),
    "BK_TINH": t("Bằng khen cấp bộ, ban, ngành, tỉnh"),
    "BK_TTG": t("Bằng khen của Thủ tướng Chính phủ"),
}
RATINGS = {
    "HTXS": t("Hoàn thành xuất sắc nhiệm vụ"),
    "HTT": t("Hoàn thành tốt nhiệm vụ"),
    "HT": t("Hoàn thành nhiệm vụ"),
    "KHT": t("Không hoàn thành nhiệm vụ"),
}
SCOPES = {
    "unit": t("cơ sở"),
    "commune": t("cấp xã"),
    "province": t("cấp bộ, ban, ngành, tỉnh"),
    "national": t("toàn quốc"),
}
DISCIPLINES = {
    "khien_trach": t("khiển trách"),
    "canh_cao": t("cảnh cáo"),
    "ha_bac_luong": t("hạ bậc lương, giáng chức"),
    "cach_chuc": t("cách chức"),
    "buoc_thoi_viec": t("buộc thôi việc"),
}
LEVELS = dict(enumerate(DISCIPLINES.values(), start=1))
MARKS = {
    "S-mirror": t("[S-mirror] theo bản sao của bên thứ ba, cần đối chiếu Công báo"),
    "S-old": t("[S-old] theo quy định cũ"),
    "R": t("[R] chưa xác nhận, cần kiểm tra"),
    "3P": t("[3P] chỉ từ nguồn bên thứ ba"),
}
EVENTS = {
    "merge": t("hợp nhất"),
    "rename": t("đổi tên"),
    "split": t("chia tách"),
    "transfer": t("chuyển giao"),
}
VERDICTS = {
    "eligible": t("Đủ điều kiện"),
    "not_eligible": t("Không đủ điều kiện"),
    "needs_review": t("Cần xem xét"),
}


def ratio_words(value: Fraction) -> str:
    """``7/10`` → ``70 %``; halves and thirds stay fractions."""
    if value.denominator not in (2, 3) and 100 % value.denominator == 0:
        pct = Decimal(value.numerator * 100) / value.denominator
        return f"{format(pct.normalize(), 'f').replace('.', ',')} %"
    return f"{value.numerator}/{value.denominator}"


# Why an initiative named in a batch file does not count: (kind, code, detail).
REJECTIONS = {
    "unknown": t("{code} không phải sáng kiến được công nhận của người này"),
    "scope": t("{code} chỉ có phạm vi {detail}"),
    "later": t("{code} được công nhận năm {detail}, sau năm thành tích"),
    "used": t("{code} đã dùng cho {detail}"),
    "taken": t("{code} đã dùng cho {detail} ở dòng trước của cùng đợt"),
}


def rejections_words(items: Any) -> str:
    """``(("used", "SK-2", "CSTDCS 2025"),)`` → ``SK-2 đã dùng cho CSTDCS 2025``; ``—`` if none."""
    lines = []
    for kind, code, *rest in items:
        detail = rest[0] if rest else ""
        if kind == "scope":
            detail = SCOPES.get(detail, detail)
        lines.append(str(REJECTIONS[kind]).format(code=code, detail=detail))
    return "; ".join(lines) or "—"


def _word(key: str, value: Any) -> Any:
    if key == "award" and value in AWARDS:
        return AWARDS[value]
    if key in ("rating", "min") and isinstance(value, str) and value in RATINGS:
        return RATINGS[value]
    if key == "event":
        return EVENTS.get(value, value)
    if key == "scope":
        return SCOPES.get(value, value)
    if key == "level":
        return LEVELS.get(value, DISCIPLINES.get(value, value))
    return value


def _fill(message_id: str, args: Mapping[str, Any], cite: str) -> str:
    template = str(MESSAGES.get(message_id, message_id))
    words = {k: rejections_words(v) if k == "rejected" else _word(k, v) for k, v in args.items()}
    return template.format(**words, cite=cite)


def render(message_id: str, args: Mapping[str, Any]) -> str:
    """The message alone, without its citation."""
    return _fill(message_id, args, "")


def explain(message_id: str, args: Mapping[str, Any], citation: str, mark: str) -> str:
    """The message with its citation (in place or in brackets) and its mark in words."""
    cite = f" ({citation})" if citation else ""
    text = _fill(message_id, args, cite)
    if cite and "{cite}" not in str(MESSAGES.get(message_id, "")):
        text += cite
    if mark in MARKS:
        text += f" — {MARKS[mark]}"
    return text


def mark_words(mark: str) -> str:
    return str(MARKS.get(mark, _("[S] có nguồn công bố")))


def verdict_words(verdict: str) -> str:
    return str(VERDICTS.get(verdict, verdict))


def outcome_words(outcome: str) -> str:
    return str(OUTCOMES.get(outcome, outcome))
