"""People, ratings and titles written in bulk for the preload tests (and the bench's shape)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.awards.models import AwardRecord, AwardType
from thidua.people.models import Discipline, Employment, Person, YearRecord

D = dt.date


def award_type(code: str) -> AwardType:
    return AwardType.objects.filter(code=code).order_by("-effective_from").first()  # type: ignore[return-value]


def people(unit: Any, n: int, *, prefix: str = "P", years=(2023, 2024, 2025)) -> list[Person]:
    """``n`` people of ``unit``, rated HTT each year, LĐTT and CSTĐCS each year."""
    made = Person.objects.bulk_create(
        [
            Person(code=f"{prefix}{i:05d}", full_name=f"Người {i}", history_from=2015)
            for i in range(n)
        ]
    )
    Employment.objects.bulk_create(
        [
            Employment(
                person=p, organization=unit, category="civil_servant", valid_from=D(2015, 1, 1)
            )
            for p in made
        ]
    )
    YearRecord.objects.bulk_create(
        [YearRecord(person=p, year=y, rating=3, organization=unit) for p in made for y in years]
    )
    records = []
    for code in ("LDTT", "CSTDCS"):
        kind = award_type(code)
        records += [
            AwardRecord(
                person=p,
                award_type=kind,
                award_code=code,
                annual=True,
                achievement_year=y,
                decision_number=f"{y}/QĐ",
                decision_date=D(y + 1, 1, 10),
                unit_at_time=unit,
                source="import",
            )
            for p in made
            for y in years
        ]
    AwardRecord.objects.bulk_create(records)
    return made


def pending(person: Person, start: dt.date) -> Discipline:
    return Discipline.objects.create(person=person, kind="pending", effective_from=start)
