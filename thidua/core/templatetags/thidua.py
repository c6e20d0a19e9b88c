"""Template helpers: Vietnamese dates and small formatting tools."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """'ngày 05 tháng 02 năm 2025' in Vietnamese, '5 February 2025' in English."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if (get_language() or "vi").startswith("en"):
        return f"{value.day} {value.strftime('%B')} {value.year}"
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


@register.filter
def short_date(value: dt.date | dt.datetime | None) -> str:
    """'05/02/2025' — the day-first short form used in Vietnamese offices."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
