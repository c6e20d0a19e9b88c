"""Validation of scores and criteria, shared by the services, the forms, the API and the Excel
import, so that every entry point rejects the same input with the same Vietnamese message."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thidua.scoring.enums import ScoringMethod

MAX_DECIMALS = 2
MAX_POINTS = Decimal("1000")


def points_text(value: Decimal | int | None) -> str:
    """'12', '9,5' (Vietnamese decimal comma), or '—' for nothing."""
    if value is None:
        return "—"
    text = format(Decimal(value).normalize(), "f")
    if (get_language() or "vi").startswith("vi"):
        text = text.replace(".", ",")
    return text


def input_text(value: Decimal | int | None) -> str:
    """The value of a text input: '' for nothing, '9,5' otherwise."""
    return "" if value is None else points_text(value)


def parse_decimal(raw: Any, *, label: str) -> Decimal | None:
    """A number from a form field, an API payload or an Excel cell; blank -> None.

    Accepts a decimal comma ("9,5") as Vietnamese users type it.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValidationError(_("{label}: “{raw}” không phải là số.").format(label=label, raw=raw))
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    else:
        text = str(raw).strip().replace(" ", "")
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(
                _("{label}: “{raw}” không phải là số.").format(label=label, raw=raw),
                code="not_a_number",
            ) from exc
    if not value.is_finite():
        raise ValidationError(
            _("{label}: “{raw}” không phải là số.").format(label=label, raw=raw),
            code="not_a_number",
        )
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise ValidationError(
            _("{label}: {value} có quá {n} chữ số thập phân.").format(
                label=label, value=points_text(value), n=MAX_DECIMALS
            ),
            code="too_many_decimals",
        )
    return value


def validate_points(
    value: Decimal | None, *, max_points: Decimal, method: str, label: str
) -> Decimal | None:
    """A score between 0 and the criterion's maximum; a yes/no criterion takes 0 or the maximum."""
    if value is None:
        return None
    if value < 0:
        raise ValidationError(
            _("{label}: điểm không được âm ({value}).").format(
                label=label, value=points_text(value)
            ),
            code="negative",
        )
    if value > max_points:
        raise ValidationError(
            _("{label}: {value} vượt điểm tối đa {max}").format(
                label=label, value=points_text(value), max=points_text(max_points)
            ),
            code="above_max",
        )
    if method == ScoringMethod.YES_NO and value not in (Decimal(0), max_points):
        raise ValidationError(
            _("{label}: tiêu chí có/không chỉ nhận 0 hoặc {max} điểm.").format(
                label=label, max=points_text(max_points)
            ),
            code="yes_no",
        )
    return value


def validate_measure(value: Decimal | None, *, label: str) -> Decimal | None:
    if value is not None and value < 0:
        raise ValidationError(
            _("{label}: số liệu không được âm ({value}).").format(
                label=label, value=points_text(value)
            ),
            code="negative_measure",
        )
    return value


def validate_reason(reason: str, *, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message, code="reason_required")
    return reason


def validate_max_points(value: Decimal | None, *, label: str, required: bool = True) -> None:
    if value is None:
        if required:
            raise ValidationError(
                _("{label}: cần nhập điểm tối đa.").format(label=label), code="required"
            )
        return
    if value <= 0 or value > MAX_POINTS:
        raise ValidationError(
            _("{label}: điểm tối đa phải lớn hơn 0 và không quá {max}.").format(
                label=label, max=points_text(MAX_POINTS)
            ),
            code="bad_max",
        )


def parse_tiers(raw: Any, *, label: str) -> list[list[str]]:
    """Tiers as [[threshold, points], …]; accepts JSON-like lists or text "100:5; 80:3"."""
    pairs: list[tuple[Any, Any]] = []
    if isinstance(raw, list | tuple):
        for item in raw:
            if not isinstance(item, list | tuple) or len(item) != 2:
                raise ValidationError(_("{label}: mức không hợp lệ.").format(label=label))
            pairs.append((item[0], item[1]))
    else:
        for chunk in str(raw or "").replace("\n", ";").split(";"):
            if not chunk.strip():
                continue
            if ":" not in chunk:
                raise ValidationError(
                    _("{label}: mức “{chunk}” phải có dạng ngưỡng:điểm, ví dụ 100:5.").format(
                        label=label, chunk=chunk.strip()
                    ),
                    code="bad_tier",
                )
            threshold, points = chunk.split(":", 1)
            pairs.append((threshold, points))
    tiers: list[list[str]] = []
    for threshold, points in pairs:
        t = parse_decimal(threshold, label=label)
        p = parse_decimal(points, label=label)
        if t is None or p is None or t < 0 or p < 0:
            raise ValidationError(
                _("{label}: ngưỡng và điểm của mỗi mức phải là số không âm.").format(label=label),
                code="bad_tier",
            )
        tiers.append([str(t), str(p)])
    return sorted(tiers, key=lambda pair: Decimal(pair[0]), reverse=True)


def tiers_text(tiers: list[list[str]]) -> str:
    return "; ".join(f"{points_text(Decimal(t))}:{points_text(Decimal(p))}" for t, p in tiers)


def method_text(criterion: Any) -> str:
    """'Tỷ lệ theo chỉ tiêu (chỉ tiêu 100)', 'Theo mức: 100:5; 80:3'…"""
    label = str(ScoringMethod(criterion.method).label)
    if criterion.method == ScoringMethod.PROPORTIONAL:
        return _("{label} (chỉ tiêu {target})").format(
            label=label, target=points_text(criterion.target)
        )
    if criterion.method == ScoringMethod.TIERS:
        return _("{label}: {tiers}").format(label=label, tiers=tiers_text(criterion.tiers))
    return label
