"""The plan of a history import: the rows to write (unsaved model instances), what was already
there, and the lookups the sheet checks share (a person of the file or of the database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.awards.imports.context import Context, Period
from thidua.awards.imports.reader import Row, SheetRows
from thidua.awards.imports.report import Counts, ErrorLog, SheetCount
from thidua.people.models import (
    Discipline,
    Employment,
    Initiative,
    InitiativeAuthor,
    Person,
    YearRecord,
)


@dataclass
class Plan:
    ctx: Context
    errors: ErrorLog
    counts: Counts = field(default_factory=Counts)
    persons: list[Person] = field(default_factory=list)
    person_rows: dict[str, int] = field(default_factory=dict)  # new person code → first row
    failed_persons: set[str] = field(default_factory=set)  # codes whose person row failed
    employments: list[Employment] = field(default_factory=list)
    ratings: list[YearRecord] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    new_authors: dict[str, set[str]] = field(default_factory=dict)  # initiative → person codes
    failed_initiatives: set[str] = field(default_factory=set)
    authors: list[InitiativeAuthor] = field(default_factory=list)
    awards: list[AwardRecord] = field(default_factory=list)
    uses: list[InitiativeUse] = field(default_factory=list)
    used_in_file: dict[str, AwardRecord] = field(default_factory=dict)
    collective_years: list[CollectiveYear] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)
    new_persons: dict[str, Person] = field(default_factory=dict)
    new_initiatives: dict[str, Initiative] = field(default_factory=dict)

    # ------------------------------------------------------------ shared by the sheet checks

    def count(self, sheet: SheetRows) -> SheetCount:
        found = self.counts.sheets.get(sheet.spec.key)
        if found is None:
            found = self.counts.sheets[sheet.spec.key] = SheetCount(name=sheet.name)
        return found

    def error(self, sheet: SheetRows, row: Row, key: str, message: str) -> None:
        self.errors.add(sheet.name, row.number, sheet.spec.column(key).header, message)

    def invalid(self, sheet: SheetRows, row: Row, key: str, exc: ValidationError) -> None:
        self.errors.add_validation(sheet.name, row.number, sheet.spec.column(key).header, exc)

    def person(self, sheet: SheetRows, row: Row, key: str, code: str) -> Person | None:
        """A person of the file or of the database in scope; otherwise an error (once)."""
        found = self.new_persons.get(code) or self.ctx.persons.get(code)
        if found is None and code not in self.failed_persons:
            self.error(
                sheet,
                row,
                key,
                _(
                    "Không tìm thấy cá nhân có mã “{code}” (trong trang “Cá nhân” của tệp hoặc "
                    "trong hệ thống, thuộc phạm vi của bạn)."
                ).format(code=code),
            )
        return found

    def unit(self, sheet: SheetRows, row: Row, key: str, code: str) -> Any:
        found = self.ctx.units.get(code)
        if found is None:
            self.error(
                sheet,
                row,
                key,
                _(
                    "Không tìm thấy đơn vị có mã “{code}” (hoặc đơn vị không thuộc phạm vi của "
                    "bạn)."
                ).format(code=code),
            )
        return found

    def periods(self, person: Person) -> list[Period]:
        """Existing and new employments of a person (new persons are keyed by code)."""
        key: Any = person.pk if person.pk else person.code
        return self.ctx.periods[key]

    def initiative(self, code: str) -> Initiative | None:
        return self.new_initiatives.get(code) or self.ctx.initiatives.get(code)

    def is_author(self, initiative: Initiative, person: Person) -> bool:
        if initiative.pk:
            return person.pk is not None and person.pk in self.ctx.authors[initiative.pk]
        return person.code in self.new_authors.get(initiative.code, set())
