"""What the database already holds for the codes a history file names, loaded once per import
in a few queries per table (codes in chunks), and the import's scope: a board officer sees the
units of their authority and of those it succeeded; others out of scope read as unknown."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet

from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.awards.imports.reader import SheetRows
from thidua.awards.models import AwardType
from thidua.organizations.models import Organization
from thidua.organizations.selectors import lineage_ids_subquery
from thidua.people.models import (
    Discipline,
    Employment,
    Initiative,
    InitiativeAuthor,
    Person,
    YearRecord,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User

CHUNK = 500  # codes per IN list (SQLite's variable limit, long lists on PostgreSQL)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def units_in_scope(user: User | None) -> QuerySet[Organization]:
    """All units for the command and the system administrator; a board officer's lineage."""
    qs = Organization.objects.all()
    if user is None or user.is_system_admin:
        return qs
    if user.authority_id:
        return qs.filter(authority_id__in=lineage_ids_subquery(user.authority_id))
    return qs.none()


@dataclass
class Period:
    """One employment, existing or new: enough to find a person's unit in a year."""

    organization: Organization
    valid_from: dt.date
    valid_to: dt.date | None
    category: str = ""
    position: str = ""
    existing: Employment | None = None
    row: int = 0  # the file's row of a new period

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        return (self.valid_to is None or self.valid_to >= start) and (
            end is None or self.valid_from <= end
        )


def unit_in_year(periods: list[Period], year: int) -> Organization | None:
    """As ``people.selectors.unit_in_year``: the unit on 31/12, else the last one left that year."""
    last = dt.date(year, 12, 31)
    for period in periods:
        if period.covers(last):
            return period.organization
    during = [p for p in periods if p.valid_from <= last and p.valid_to and p.valid_to.year >= year]
    return max(during, key=lambda p: p.valid_from).organization if during else None


@dataclass
class Context:
    units: dict[str, Organization] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    foreign_persons: set[str] = field(default_factory=set)  # existing codes out of scope
    periods: dict[Any, list[Period]] = field(default_factory=lambda: defaultdict(list))
    ratings: dict[tuple[int, int], YearRecord] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    authors: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    uses: dict[int, InitiativeUse] = field(default_factory=dict)
    award_types: dict[str, list[AwardType]] = field(default_factory=lambda: defaultdict(list))
    awards: dict[tuple[str, int, str, int], list[AwardRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    collective_years: dict[tuple[int, int], CollectiveYear] = field(default_factory=dict)
    disciplines: dict[tuple[int, str, dt.date], Discipline] = field(default_factory=dict)


@dataclass
class Codes:
    units: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    initiatives: set[str] = field(default_factory=set)
    awards: set[str] = field(default_factory=set)


_PERSON_KEYS = {"persons": "code", "ratings": "person", "disciplines": "person"}


def codes_of(sheets: list[SheetRows]) -> Codes:
    codes = Codes()
    for sheet in sheets:
        key = sheet.spec.key
        for row in sheet.rows:
            values = row.values
            if key in _PERSON_KEYS and _PERSON_KEYS[key] in values:
                codes.persons.add(values[_PERSON_KEYS[key]])
            if "unit" in values:
                codes.units.add(values["unit"])
            if key == "initiatives":
                codes.initiatives.add(values.get("code", ""))
                codes.persons.update(values.get("authors", []))
            if key == "awards":
                subject, code = values.get("subject"), values.get("code", "")
                (codes.persons if subject == "person" else codes.units).add(code)
                codes.awards.add(values.get("award", ""))
                codes.initiatives.update(values.get("initiatives", []))
    return codes


def load(codes: Codes, user: User | None) -> Context:
    """Everything the checks compare with; a constant number of queries per chunk of codes."""
    ctx = Context()
    scope = units_in_scope(user)
    for chunk in _chunks(codes.units):
        ctx.units.update((u.code, u) for u in scope.filter(code__in=chunk))
    _load_persons(ctx, codes.persons, scope, everyone=user is None or user.is_system_admin)
    _load_initiatives(ctx, codes.initiatives)
    for chunk in _chunks(codes.awards):
        for award_type in AwardType.objects.filter(code__in=chunk).order_by("-effective_from"):
            ctx.award_types[award_type.code].append(award_type)
    _load_awards(ctx)
    unit_ids = [u.pk for u in ctx.units.values()]
    for chunk in _chunks(unit_ids):
        for row in CollectiveYear.objects.filter(organization_id__in=chunk):
            ctx.collective_years[(row.organization_id, row.year)] = row
    return ctx


def _load_persons(
    ctx: Context, codes: set[str], scope: QuerySet[Organization], *, everyone: bool
) -> None:
    in_scope = Employment.objects.filter(
        person=OuterRef("pk"), organization_id__in=scope.values("pk")
    )
    for chunk in _chunks(codes):
        for person in Person.objects.filter(code__in=chunk).annotate(seen=Exists(in_scope)):
            if everyone or person.seen:
                ctx.persons[person.code] = person
            else:
                ctx.foreign_persons.add(person.code)
    ids = {p.pk: p for p in ctx.persons.values()}
    for chunk in _chunks(ids):
        employments = Employment.objects.filter(person_id__in=chunk).select_related("organization")
        for e in employments.order_by("valid_from"):
            ctx.periods[e.person_id].append(
                Period(e.organization, e.valid_from, e.valid_to, e.category, e.position, e)
            )
        for rating in YearRecord.objects.filter(person_id__in=chunk):
            ctx.ratings[(rating.person_id, rating.year)] = rating
        for d in Discipline.objects.filter(person_id__in=chunk):
            ctx.disciplines[(d.person_id, d.kind, d.effective_from)] = d


def _load_initiatives(ctx: Context, codes: set[str]) -> None:
    for chunk in _chunks(codes):
        ctx.initiatives.update((i.code, i) for i in Initiative.objects.filter(code__in=chunk))
    ids = [i.pk for i in ctx.initiatives.values()]
    for chunk in _chunks(ids):
        for author in InitiativeAuthor.objects.filter(initiative_id__in=chunk):
            ctx.authors[author.initiative_id].add(author.person_id)
        uses = InitiativeUse.objects.filter(initiative_id__in=chunk).select_related(
            "award_record__award_type"
        )
        ctx.uses.update((u.initiative_id, u) for u in uses)


def _load_awards(ctx: Context) -> None:
    person_ids = [p.pk for p in ctx.persons.values()]
    unit_ids = [u.pk for u in ctx.units.values()]
    for field_name, kind, ids in (
        ("person_id", "person", person_ids),
        ("organization_id", "organization", unit_ids),
    ):
        for chunk in _chunks(ids):
            records = AwardRecord.objects.filter(**{f"{field_name}__in": chunk})
            for r in records.select_related("award_type"):
                key = (kind, getattr(r, field_name), r.award_code, r.achievement_year)
                ctx.awards[key].append(r)
