"""The award registry (sổ khen thưởng, issue 10 item 7): every recorded award a person may see —
of the units in their scope and of the people who worked there — searched by name without
accents and filtered by award, newest achievement first. Reads only."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua.accounts.models import User
from thidua.awards.history import AwardRecord
from thidua.core.vntext import search_terms
from thidua.people.models import Employment
from thidua.people.selectors import units_with_people_for_user


def registry_for_user(
    user: User, *, query: str = "", award_code: str = ""
) -> QuerySet[AwardRecord]:
    units = units_with_people_for_user(user).values("pk")
    worked_there = Employment.objects.filter(
        person=OuterRef("person_id"), organization_id__in=units
    )
    records = AwardRecord.objects.filter(Q(organization_id__in=units) | Exists(worked_there))
    for term in search_terms(query):
        records = records.filter(
            Q(person__search_text__contains=term) | Q(organization__search_text__contains=term)
        )
    if award_code:
        records = records.filter(award_code=award_code)
    return records.select_related("person", "organization", "award_type", "unit_at_time").order_by(
        "-achievement_year", "award_code", "pk"
    )


def award_choices() -> list[tuple[str, str]]:
    """The awards that have records, as (code, name), for the filter (a short list)."""
    codes = set(AwardRecord.objects.values_list("award_code", flat=True).distinct())
    from thidua.awards.models import AwardType

    names: dict[str, str] = {}
    for code, name in AwardType.objects.filter(code__in=codes).values_list("code", "name"):
        names.setdefault(code, name)
    return sorted(names.items(), key=lambda pair: pair[1])
