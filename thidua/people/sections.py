"""Sections of a person's page (/people/<code>/) contributed by the apps above (awards: titles
and commendations; eligibility: links to check the individual awards), without ``people``
importing them.

Each app registers its sections in its ``AppConfig.ready``::

    register_person_section(PersonSection("awards.history", 20, person_awards_section))

A builder takes the request and the person and returns a :class:`PersonHistory` (or ``None`` to
stay hidden); it reads with a constant number of queries. A second section with the same slug
fails when the project starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.http import HttpRequest

from thidua.core.registry import Registry, page_order
from thidua.people.models import Person


@dataclass(frozen=True)
class PersonRow:
    """One row: a year, what, and its reference (a decision); ``struck`` for a revoked row."""

    year: int
    text: str
    detail: str = ""
    struck: bool = False
    note: str = ""  # e.g. the revocation, shown after the row


@dataclass(frozen=True)
class PersonLink:
    """A link to another app's page about this person (eligibility: "Kiểm tra điều kiện")."""

    label: str
    url: str


@dataclass(frozen=True)
class PersonHistory:
    """A table of rows by year, or (``links`` given) a list of links."""

    title: str
    rows: Sequence[PersonRow] = ()
    empty: str = ""
    links: Sequence[PersonLink] = ()


class PersonSectionBuilder(Protocol):
    def __call__(self, request: HttpRequest, person: Person, /) -> PersonHistory | None: ...


@dataclass(frozen=True)
class PersonSection:
    slug: str  # "<app>.<what>", unique
    order: int  # smaller first
    build: PersonSectionBuilder


PERSON_SECTIONS: Registry[PersonSection] = Registry("person-page sections", sort_key=page_order)


def register_person_section(section: PersonSection) -> PersonSection:
    return PERSON_SECTIONS.add(section)


def person_sections_for(request: HttpRequest, person: Person) -> list[PersonHistory]:
    """The sections that show for this person's page, in page order."""
    shown = []
    for section in PERSON_SECTIONS:
        history = section.build(request, person)
        if history is not None:
            shown.append(history)
    return shown
