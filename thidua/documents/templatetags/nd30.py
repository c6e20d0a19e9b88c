"""Template filters for official documents: ``{% load nd30 %}``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from thidua.documents import formatting
from thidua.documents.signatures import SigningMode, printed

register = template.Library()


@register.filter
def nd30_date(day: dt.date | None, place: str = "") -> str:
    """``{{ doc.date|nd30_date:doc.place }}`` → "Sóc Sơn, ngày 07 tháng 02 năm 2020"."""
    return formatting.nd30_date(day, place)


@register.filter
def nd30_number(number: str) -> str:
    """``{{ doc.number|nd30_number }}`` → "Số: 01/GƯ-CTĐ10"."""
    return formatting.nd30_number(number)


@register.inclusion_tag("documents/_signatures.html", takes_context=True)
def nd30_signatures(context: template.Context, signatures: Any) -> dict[str, Any]:
    """``{% nd30_signatures blocks %}``: the signature blocks (``documents.signatures``) laid
    out by Nghị định 30/2020 in the document's signing mode, name lines level in each row."""
    mode = context.get("signing_mode") or SigningMode.ORIGINAL
    landscape = bool(context.get("nd30_landscape"))
    return {
        "blocks": printed(list(signatures), mode, landscape=landscape),
        "copy": mode == SigningMode.COPY,
    }
