"""Whole numbers typed by people or sent in addresses, read strictly: ASCII digits only.

``str.isdigit()`` accepts "²", "①" or "٣", which ``int()`` then refuses or reads unexpectedly;
every year, version, page or id from a URL, a query string, a form or an import goes through
here instead, so that such input is "not a number", never a server error.
"""

from __future__ import annotations

import re
from typing import TypeGuard

_DIGITS = re.compile(r"[0-9]{1,18}")  # 18 digits: any value a 64-bit database column holds


def is_digits(text: object) -> TypeGuard[str]:
    """Only ASCII digits (at most 18): "2024" yes; "²", "-1", " 1", "1e3", "" no."""
    return isinstance(text, str) and _DIGITS.fullmatch(text) is not None


def parse_int(
    text: object, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """The number, or ``None`` when ``text`` is not ASCII digits or is out of bounds."""
    if not is_digits(text):
        return None
    value = int(str(text))
    if minimum is not None and value < minimum:
        return None
    if maximum is not None and value > maximum:
        return None
    return value
