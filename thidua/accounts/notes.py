"""Notes on a person's roles by year, contributed by the apps above ``accounts`` (which it does
not import): ``clusters`` says which cluster years a secretariat's unit headed in each year.

Each app registers its note in its ``AppConfig.ready``::

    register_role_note(RoleNote("clusters.headed_years", notes.headed_years))

A note's function takes every assignment shown on the page and returns, for some
``(assignment id, year)``, a line to show under that role; it runs a constant number of queries
whatever the length of the history. A second note with the same slug fails at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from thidua.core.registry import Registry

if TYPE_CHECKING:
    from thidua.accounts.models import RoleAssignment


class RoleNoteBuilder(Protocol):
    def __call__(self, assignments: Sequence[RoleAssignment], /) -> dict[tuple[int, int], str]: ...


@dataclass(frozen=True)
class RoleNote:
    slug: str  # "<app>.<what>", unique
    build: RoleNoteBuilder


ROLE_NOTES: Registry[RoleNote] = Registry("role notes")


def register_role_note(note: RoleNote) -> RoleNote:
    return ROLE_NOTES.add(note)


def role_notes(assignments: Sequence[RoleAssignment]) -> dict[tuple[int, int], list[str]]:
    """Every contributed line, by ``(assignment id, year)``."""
    lines: dict[tuple[int, int], list[str]] = {}
    for note in ROLE_NOTES:
        for key, line in note.build(assignments).items():
            lines.setdefault(key, []).append(line)
    return lines
