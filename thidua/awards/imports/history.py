"""``import_history``: the one entry point of the history import (the page and
``thidua import-history``). All or nothing: every row of every sheet is checked; any error → the
report lists (sheet, row, column, message) and nothing is written. Otherwise the new rows are
written in bulk in one transaction with one ``import.history`` audit event."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.awards.import_rules import IMPORT_HISTORY
from thidua.awards.imports import checks_awards, checks_people
from thidua.awards.imports.columns import SHEETS
from thidua.awards.imports.context import codes_of, load
from thidua.awards.imports.plan import Plan
from thidua.awards.imports.reader import HISTORY_MAX_ROWS, SheetRows, read_file
from thidua.awards.imports.report import Counts, ErrorLog, RowError, SheetCount
from thidua.core.permissions import check
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

CHECKS = {
    "persons": checks_people.check_persons,
    "ratings": checks_people.check_ratings,
    "initiatives": checks_people.check_initiatives,
    "awards": checks_awards.check_awards,
    "collectives": checks_awards.check_collectives,
    "disciplines": checks_people.check_disciplines,
}
BATCH = 1_000


def _changed_meanwhile() -> str:
    return _(
        "Dữ liệu trong hệ thống vừa thay đổi trong khi nhập nên không có gì được ghi. Hãy gửi "
        "lại tệp."
    )


@dataclass
class ImportResult:
    """What an import did (or, with errors or ``dry_run``, would have done: nothing is kept)."""

    filename: str
    sha256: str = ""
    dry_run: bool = False
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and self.counts.total > 0

    @property
    def sheets(self) -> list[SheetCount]:
        """The counts per sheet, in the order of the template."""
        return [self.counts.sheets[s.key] for s in SHEETS if s.key in self.counts.sheets]


def import_history(
    *,
    data: bytes,
    filename: str,
    user: User | None,
    dry_run: bool = False,
    max_rows: int = HISTORY_MAX_ROWS,
) -> ImportResult:
    """Import people, employments, ratings, initiatives, awards, collective years and
    discipline from an XLSX (named sheets) or a CSV (one sheet).

    ``user`` must hold ``awards.import_history`` (else ``PermissionDenied``) and limits the units
    a row may name; ``None`` is the command line, which may name every unit."""
    if user is not None:
        check(user, IMPORT_HISTORY.name)
    result = ImportResult(
        filename=PurePath(filename).name, sha256=hashlib.sha256(data).hexdigest(), dry_run=dry_run
    )
    errors = ErrorLog()
    sheets = read_file(data, filename, max_rows, errors)
    result.rows = sum(len(s.rows) for s in sheets)
    if sheets and result.rows:
        plan = _plan(sheets, user, errors)
        result.counts = plan.counts
        if not errors and not dry_run and plan.counts.total:
            try:
                with transaction.atomic():
                    _write(plan)
                    _record(result, user)
            except IntegrityError:  # another write between the checks and ours
                errors.add("", 0, "", _changed_meanwhile())
    result.errors = errors.sorted([s.name for s in sheets])
    return result


def _plan(sheets: list[SheetRows], user: User | None, errors: ErrorLog) -> Plan:
    plan = Plan(ctx=load(codes_of(sheets), user), errors=errors)
    by_key = {s.spec.key: s for s in sheets}
    for spec in SHEETS:  # people first: the other sheets name them
        if spec.key in by_key:
            CHECKS[spec.key](plan, by_key[spec.key])
    return plan


def _write(plan: Plan) -> None:
    """Bulk inserts in dependency order; each instance's keys are filled from its parents."""
    Person.objects.bulk_create(plan.persons, batch_size=BATCH)
    Employment.objects.bulk_create(plan.employments, batch_size=BATCH)
    YearRecord.objects.bulk_create(plan.ratings, batch_size=BATCH)
    Initiative.objects.bulk_create(plan.initiatives, batch_size=BATCH)
    InitiativeAuthor.objects.bulk_create(plan.authors, batch_size=BATCH)
    AwardRecord.objects.bulk_create(plan.awards, batch_size=BATCH)
    InitiativeUse.objects.bulk_create(plan.uses, batch_size=BATCH)
    CollectiveYear.objects.bulk_create(plan.collective_years, batch_size=BATCH)
    Discipline.objects.bulk_create(plan.disciplines, batch_size=BATCH)


def _record(result: ImportResult, user: User | None) -> None:
    with translation.override("vi"):  # the audit trail reads the same whatever the UI language
        note = summary(result)
    record_event(
        action="import.history",
        object_type="import",
        object_id=result.sha256,
        object_repr=result.filename[:300],
        after={
            "file": result.filename,
            "sha256": result.sha256,
            "rows": result.rows,
            **result.counts.as_dict(),
        },
        note=note,
        actor=user,
    )


def summary(result: ImportResult) -> str:
    """One Vietnamese sentence with the counts, for messages, the command and the audit note."""
    c = result.counts
    return _(
        "Tệp “{file}” ({rows} dòng): {persons} cá nhân, {employments} quá trình công tác, "
        "{ratings} xếp loại, {initiatives} sáng kiến, {awards} khen thưởng, {uses} lượt dùng "
        "sáng kiến, {collectives} số liệu tập thể, {disciplines} kỷ luật mới."
    ).format(
        file=result.filename,
        rows=result.rows,
        persons=c.persons,
        employments=c.employments,
        ratings=c.ratings,
        initiatives=c.initiatives,
        awards=c.awards,
        uses=c.initiative_uses,
        collectives=c.collective_years,
        disciplines=c.disciplines,
    )
