"""The report of a history import: one line per error (sheet, row, column, Vietnamese message)
and the counts per sheet (new, already there)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class RowError:
    """Row 0 is the sheet (or the file, with no sheet) as a whole."""

    sheet: str
    row: int
    column: str
    message: str


class ErrorLog:
    def __init__(self) -> None:
        self._items: list[tuple[int, RowError]] = []

    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        self._items.append((len(self._items), RowError(sheet, row, column, message)))

    def add_all(self, sheet: str, row: int, column: str, messages: Iterable[str]) -> None:
        for message in messages:
            self.add(sheet, row, column, message)

    def add_validation(self, sheet: str, row: int, column: str, exc: ValidationError) -> None:
        self.add_all(sheet, row, column, exc.messages)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self, order: list[str]) -> list[RowError]:
        rank = {name: i for i, name in enumerate(order)}

        def key(item: tuple[int, RowError]) -> tuple[int, int, int]:
            seq, error = item
            return (rank.get(error.sheet, -1), error.row, seq)

        return [error for _seq, error in sorted(self._items, key=key)]


@dataclass
class SheetCount:
    name: str
    rows: int = 0
    new: int = 0
    skipped: int = 0


@dataclass
class Counts:
    """New rows per table (what the audit event records) and per sheet (what the page shows)."""

    sheets: dict[str, SheetCount] = field(default_factory=dict)
    persons: int = 0
    employments: int = 0
    ratings: int = 0
    initiatives: int = 0
    awards: int = 0
    initiative_uses: int = 0
    collective_years: int = 0
    disciplines: int = 0

    @property
    def total(self) -> int:
        return (
            self.persons
            + self.employments
            + self.ratings
            + self.initiatives
            + self.awards
            + self.initiative_uses
            + self.collective_years
            + self.disciplines
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "persons": self.persons,
            "employments": self.employments,
            "ratings": self.ratings,
            "initiatives": self.initiatives,
            "awards": self.awards,
            "initiative_uses": self.initiative_uses,
            "collective_years": self.collective_years,
            "disciplines": self.disciplines,
        }
