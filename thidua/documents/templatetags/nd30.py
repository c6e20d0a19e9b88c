"""Template filters for official documents: ``{% load nd30 %}``."""

from __future__ import annotations

import datetime as dt

from django import template

from thidua.documents import formatting

register = template.Library()


@register.filter
def nd30_date(day: dt.date | None, place: str = "") -> str:
    """``{{ doc.date|nd30_date:doc.place }}`` → "Sóc Sơn, ngày 07 tháng 02 năm 2020"."""
    return formatting.nd30_date(day, place)


@register.filter
def nd30_number(number: str) -> str:
    """``{{ doc.number|nd30_number }}`` → "Số: 01/GƯ-CTĐ10"."""
    return formatting.nd30_number(number)
