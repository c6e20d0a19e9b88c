"""Checking a parameter against the vocabulary, and reading a value typed by a person
("7/10", "70 %", "4,5", "có"). Shared by the services and the edit form."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.numbers import is_digits
from thidua.legal.data.loader import value_columns
from thidua.legal.enums import DECIMAL_TYPES, INT_TYPES, Operator, ValueType
from thidua.legal.models import ParameterDefinition, RuleSet
from thidua.legal.wording import AWARDS, CHOICES, DISCIPLINES, RATINGS, SCOPES

CODES = {
    ValueType.RATING: RATINGS,
    ValueType.DISCIPLINE: DISCIPLINES,
    ValueType.SCOPE: SCOPES,
    ValueType.AWARD: AWARDS,
    ValueType.ENUM: CHOICES,
}
PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")
FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def definition_for(rule_set: RuleSet, code: str) -> ParameterDefinition:
    """The definition of ``code``, refusing codes unknown or foreign to this version."""
    definition = ParameterDefinition.objects.filter(code=code).first()
    if definition is None or definition.family != rule_set.family:
        raise ValidationError(
            _("Mã tham số “{code}” không có trong danh mục tham số.").format(code=code),
            code="unknown_code",
        )
    if definition.authority_only and rule_set.authority_id is None:
        raise ValidationError(
            _(
                "“{name}” do bộ, tỉnh quy định: không có giá trị chung toàn quốc, chỉ đặt được "
                "trong bộ quy định của một cơ quan."
            ).format(name=definition.name),
            code="authority_only",
        )
    return definition


def check_shape(definition: ParameterDefinition, award_code: str, operator: str | None) -> None:
    if definition.per_award and not award_code:
        raise ValidationError(_("Tham số này cần chọn danh hiệu."), code="award_needed")
    if not definition.per_award and award_code:
        raise ValidationError(_("Tham số này không theo từng danh hiệu."), code="no_award")
    if operator not in (None, "", *Operator.values):
        raise ValidationError(_("Phép so sánh không hợp lệ."), code="operator")
    if definition.needs_operator and not operator:
        raise ValidationError(
            _("“{name}” cần phép so sánh (≥, >, ≤, <, =).").format(name=definition.name),
            code="operator_needed",
        )


def columns_for(value_type: str, value: Any) -> dict[str, Any]:
    """The value columns of a typed value, refusing a value of the wrong kind."""
    bad = ValidationError(
        _("Giá trị không đúng kiểu {kind}.").format(kind=ValueType(value_type).label), code="type"
    )
    if value_type == ValueType.RATIO:
        if not isinstance(value, Fraction) or not 0 <= value <= 1:
            raise ValidationError(
                _("Tỷ lệ phải là một phân số từ 0 đến 1 (ví dụ 7/10)."), code="ratio"
            )
        return value_columns(value_type, (value.numerator, value.denominator))
    if value_type in INT_TYPES and not (
        isinstance(value, int) and not isinstance(value, bool) and value >= 0
    ):
        raise bad
    if value_type in DECIMAL_TYPES and not isinstance(value, Decimal):
        raise bad
    if value_type == ValueType.BOOL and not isinstance(value, bool):
        raise bad
    if value_type in CODES and value not in CODES[ValueType(value_type)]:
        raise ValidationError(
            _("Giá trị “{v}” không có trong danh mục.").format(v=value), code="choice"
        )
    if value_type == ValueType.STRUCTURE and not isinstance(value, (list, dict)):
        raise bad
    return value_columns(value_type, value)


def parse(value_type: str, text: str) -> Any:
    """A value typed by a person, as the service expects it."""
    text = (text or "").strip()
    if value_type == ValueType.RATIO:
        return _ratio(text)
    if value_type == ValueType.BOOL:
        return text.lower() in {"có", "co", "1", "true", "x"}
    if value_type in INT_TYPES:
        digits = text.replace(".", "").replace(" ", "")
        if not is_digits(digits):
            raise ValidationError(_("Cần một số nguyên."), code="int")
        return int(digits)
    if value_type in DECIMAL_TYPES:
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(_("Cần một số (ví dụ 4,5)."), code="decimal") from exc
    return text


def _ratio(text: str) -> Fraction:
    if match := FRACTION.match(text):
        num, den = int(match[1]), int(match[2])
        if den == 0:
            raise ValidationError(_("Mẫu số phải lớn hơn 0."), code="ratio")
        return Fraction(num, den)
    if match := PERCENT.match(text):
        return Fraction(Decimal(match[1].replace(",", "."))) / 100
    raise ValidationError(_("Tỷ lệ ghi dạng 7/10 hoặc 70 %."), code="ratio")
