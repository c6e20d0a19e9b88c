"""The unit that answers for a subject (a person's current unit, or the unit itself), to
decide whether a user may check it: outside the scope, a code is reported as unknown."""

from __future__ import annotations

from typing import Any

from thidua.eligibility.engine.facts import COLLECTIVE_AWARDS
from thidua.organizations.models import Organization
from thidua.people.models import Employment


def subject_unit(subject_code: str, award_code: str) -> Organization | None:
    """One query: the unit, or the unit of the person's latest employment."""
    if award_code in COLLECTIVE_AWARDS:
        return Organization.objects.filter(code=subject_code).first()
    employment = (
        Employment.objects.filter(person__code=subject_code)
        .select_related("organization")
        .order_by("-valid_from")
        .first()
    )
    return employment.organization if employment else None


def may_check(user: Any, subject_code: str, award_code: str) -> bool:
    unit = subject_unit(subject_code, award_code)
    return unit is not None and user.has_perm("eligibility.check", unit)
