from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from thidua.legal.models import RuleParameter, RuleSet


class MissingRule(LookupError):
    pass


def rule_sets_in_force(on: dt.date, authority_id: int | None = None) -> list[RuleSet]:
    """Sets in force on a date; a local (authority) set comes before the national one."""
    qs = RuleSet.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    qs = qs.filter(Q(authority__isnull=True) | Q(authority_id=authority_id))
    return sorted(qs, key=lambda rs: (rs.authority_id is None, -rs.effective_from.toordinal()))


def rule_value(
    key: str, *, on: dt.date, authority_id: int | None = None
) -> tuple[Any, RuleParameter]:
    """The value of a parameter on a date, with the parameter row (for its legal basis)."""
    for rule_set in rule_sets_in_force(on, authority_id):
        param = rule_set.parameters.filter(key=key).first()
        if param is not None:
            return param.value, param
    raise MissingRule(f"Không có tham số '{key}' có hiệu lực ngày {on:%d/%m/%Y}.")
