"""Template filters of the scoring pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from thidua.scoring import validators
from thidua.scoring.validators import points_text

register = template.Library()


@register.filter
def points(value: Decimal | int | None) -> str:
    """'9,5' — points with the Vietnamese decimal comma; '—' for nothing."""
    return points_text(value)


@register.filter
def points_input(value: Decimal | int | None) -> str:
    """The value of a text input: '' for nothing."""
    return "" if value is None else points_text(value)


@register.filter
def method_text(criterion: Any) -> str:
    return validators.method_text(criterion)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
