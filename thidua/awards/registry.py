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

# Up to this many people in scope are passed as a list of ids; beyond, as a subquery.
PEOPLE_AS_LIST = 5000


def registry_for_user(
    user: User, *, query: str = "", award_code: str = ""
) -> QuerySet[AwardRecord]:
    records = AwardRecord.objects.filter(_in_scope(user))
    for term in search_terms(query):
        records = records.filter(
            Q(person__search_text__contains=term) | Q(organization__search_text__contains=term)
        )
    if award_code:
        records = records.filter(award_code=award_code)
    return records.select_related("person", "organization", "award_type", "unit_at_time").order_by(
        "-achievement_year", "award_code", "pk"
    )


def _in_scope(user: User) -> Q:
    """The records of the units whose people ``user`` sees (``units_with_people_for_user``) and
    of the people who worked in one of them (a record has a unit or a person, never both).

    The system administrator sees every unit, so every unit's record and the record of everyone
    who worked somewhere: every record, as a person is always written with their first period
    of work (``people.services.create_person``, the history import) and none is ever deleted.
    Anyone else: the units, then the people who worked there, are read once (one query each),
    so each part of the scope is an ``IN`` list on an indexed column that PostgreSQL estimates
    well: a narrow scope is read from those indexes, a wide one from the registry's order."""
    if user.is_authenticated and user.is_system_admin:
        return Q()
    units = list(units_with_people_for_user(user).values_list("pk", flat=True))
    if not units:
        return Q(pk__in=[])
    worked_there = (
        Employment.objects.filter(organization_id__in=units)
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    )
    people = list(worked_there[: PEOPLE_AS_LIST + 1])
    if len(people) > PEOPLE_AS_LIST:
        # a province's whole staff: a subquery (an IN list that long is slow to plan, and past
        # SQLite's limit on variables)
        return Q(organization_id__in=units) | Q(person_id__in=worked_there)
    return Q(organization_id__in=units) | Q(person_id__in=people)


def award_choices() -> list[tuple[str, str]]:
    """The awards that have records, as (code, name), for the filter (a short list): one probe
    of the award code index per award of the catalogue, not a pass over every record."""
    from thidua.awards.models import AwardType

    recorded = AwardRecord.objects.filter(award_code=OuterRef("code"))
    names: dict[str, str] = {}
    for code, name in AwardType.objects.filter(Exists(recorded)).values_list("code", "name"):
        names.setdefault(code, name)
    return sorted(names.items(), key=lambda pair: pair[1])
