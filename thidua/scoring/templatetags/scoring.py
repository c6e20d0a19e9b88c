"""Template filters of the scoring pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from thidua.scoring import validators
from thidua.scoring.enums import verification_mode_label
from thidua.scoring.validators import points_text

register = template.Library()


@register.filter
def points(value: Any) -> str:
    """'9,5' — points with the Vietnamese decimal comma; '—' for nothing."""
    if value is None or value == "":
        return "—"
    return points_text(Decimal(str(value)))


@register.filter
def verification_label(mode: str, cluster_year: Any) -> str:
    """``{{ round.verification_mode|verification_label:cy }}``: “Đơn vị khối trưởng thẩm định”
    in a bloc (``enums.verification_mode_label``)."""
    return verification_mode_label(mode, cluster_year.cluster.kind)


@register.filter
def method_text(criterion: Any) -> str:
    return validators.method_text(criterion)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
