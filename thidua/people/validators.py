"""Checks shared by the services and the history import: each raises ``ValidationError`` with a
Vietnamese message and writes nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.people.enums import RATING_CODES, TaskRating


def day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "…"


def validate_past_year(year: int, *, field: str = "year") -> None:
    """A fact of a year that has not begun cannot be recorded (the current year may be)."""
    current = timezone.localdate().year
    if year > current:
        raise ValidationError(
            {
                field: _("Năm {year} chưa đến: chỉ ghi nhận đến năm {current}.").format(
                    year=year, current=current
                )
            },
            code="future_year",
        )
    if year < 1945:
        raise ValidationError({field: _("Năm {year} không hợp lệ.").format(year=year)})


def validate_period(start: dt.date, end: dt.date | None, *, field: str = "valid_to") -> None:
    if end is not None and end < start:
        raise ValidationError(
            {
                field: _("Ngày kết thúc ({end}) phải từ ngày bắt đầu ({start}) trở đi.").format(
                    end=day(end), start=day(start)
                )
            },
            code="dates",
        )


def validate_code(code: str, *, field: str = "code") -> str:
    code = code.strip()
    if not code:
        raise ValidationError({field: _("Hãy nhập mã.")}, code="required")
    return code


def parse_rating(value: str | int) -> int:
    """'HTXS', 'htt', 4 or the words → the rating; anything else is refused."""
    if isinstance(value, int) and value in TaskRating.values:
        return value
    text = str(value).strip()
    if text.upper() in RATING_CODES:
        return RATING_CODES[text.upper()]
    for rating in TaskRating:
        if text.lower() == str(rating.label).lower():
            return int(rating)
    raise ValidationError(
        {
            "rating": _("Mức xếp loại “{value}” không hợp lệ: HTXS, HTT, HT hoặc KHT.").format(
                value=text
            )
        },
        code="rating",
    )
