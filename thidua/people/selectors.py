"""Reads of people. A person is seen through the units they worked in: the system
administrator and the people of an authority see the people of the units they see
(``clusters.selectors.organizations_for_user``); a unit's own people see their unit's."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from thidua.accounts.enums import AUTHORITY_ROLES
from thidua.clusters.selectors import organizations_for_user
from thidua.core.vntext import search_terms
from thidua.organizations.models import Organization
from thidua.people.models import Employment, Initiative, Person, YearRecord

if TYPE_CHECKING:
    from thidua.accounts.models import User


def units_with_people_for_user(user: User) -> QuerySet[Organization]:
    """The units whose people ``user`` may see (peers of a cluster are not among them)."""
    units = organizations_for_user(user)
    if not user.is_authenticated or user.is_system_admin or user.role in AUTHORITY_ROLES:
        return units
    if user.organization_id is None:
        return units.none()
    return units.filter(pk=user.organization_id)


def people_for_user(user: User) -> QuerySet[Person]:
    """Every person who ever worked in a unit ``user`` may see (one subquery)."""
    in_scope = Employment.objects.filter(
        person=OuterRef("pk"), organization_id__in=units_with_people_for_user(user).values("pk")
    )
    return Person.objects.filter(Exists(in_scope))


def search_people(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Accent- and case-insensitive on name and code: 'nguyen van a' finds 'Nguyễn Văn A'."""
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


def people_of_unit(organization: Organization, query: str = "") -> QuerySet[Person]:
    """The people who worked in ``organization`` (any time), Vietnamese order, with their
    employment there (newest first) prefetched: one query per page plus one."""
    qs = Person.objects.filter(employments__organization=organization).distinct()
    here = Employment.objects.filter(organization=organization).order_by("-valid_from")
    return (
        search_people(qs, query)
        .prefetch_related(Prefetch("employments", queryset=here, to_attr="here"))
        .order_by("sort_key", "pk")
    )


def person_detail(user: User) -> QuerySet[Person]:
    """The person page's queryset: employments with units, ratings, initiatives with authors."""
    return people_for_user(user).prefetch_related(
        Prefetch(
            "employments",
            queryset=Employment.objects.select_related("organization").order_by("-valid_from"),
        ),
        Prefetch("year_records", queryset=YearRecord.objects.select_related("organization")),
        Prefetch("initiatives", queryset=Initiative.objects.order_by("-year", "code")),
    )


def employment_on(person: Person, day: dt.date) -> Employment | None:
    return (
        Employment.objects.filter(person=person, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("organization")
        .first()
    )


def unit_in_year(person: Person, year: int) -> Organization | None:
    """The unit on 31/12 of ``year``, else the last one the person left during that year."""
    found = employment_on(person, dt.date(year, 12, 31))
    if found is None:
        found = (
            Employment.objects.filter(
                person=person,
                valid_from__lte=dt.date(year, 12, 31),
                valid_to__gte=dt.date(year, 1, 1),
            )
            .select_related("organization")
            .order_by("-valid_from")
            .first()
        )
    return found.organization if found else None


def current_unit(person: Person) -> Organization | None:
    """The unit of the open (or most recent) employment."""
    found = (
        Employment.objects.filter(person=person)
        .select_related("organization")
        .order_by(F("valid_to").desc(nulls_first=True), "-valid_from")
        .first()
    )
    return found.organization if found else None


def overlapping_employment(
    person: Person, start: dt.date, end: dt.date | None, *, exclude: int | None = None
) -> Employment | None:
    qs = Employment.objects.filter(person=person).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    if end is not None:
        qs = qs.filter(valid_from__lte=end)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.select_related("organization").order_by("valid_from").first()
