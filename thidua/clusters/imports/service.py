"""``import_units``: the one entry point used by the import page and ``thidua import-units``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.audit.services import batched_events, record_event
from thidua.clusters.imports.apply import Counts, apply_plan
from thidua.clusters.imports.plan import Plan, Scope, build_plan
from thidua.clusters.imports.reader import MAX_ROWS, ImportFileError, read_sheet
from thidua.clusters.imports.rows import ErrorLog, RowError, read_rows
from thidua.core.permissions import check

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class UnitLink:
    pk: int
    code: str
    name: str


@dataclass(frozen=True)
class YearLink:
    code: str
    year: int
    name: str
    created: bool
    added: int


@dataclass
class ImportResult:
    """What an import did (or, with errors or ``dry_run``, would have done: nothing is kept)."""

    filename: str
    dry_run: bool = False
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    units: list[UnitLink] = field(default_factory=list)
    cluster_years: list[YearLink] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and self.counts.total > 0


class _RollBack(Exception):
    """Leaves the import's transaction without keeping anything."""


def import_units(
    *,
    data: bytes,
    filename: str,
    user: User | None,
    dry_run: bool = False,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Import units, clusters, cluster years, memberships and heads from a CSV or XLSX file.

    All or nothing: every row is checked; with any error nothing is written and the result
    lists every error by row and column. Side effects when accepted: the services' own audit
    events plus one ``import.units`` event summarising the file (none when nothing was new).
    ``user`` must hold ``clusters.import_units`` (else ``PermissionDenied``) and limits what may be
    touched (a board officer: their own authority); ``None`` is the command line, which may touch
    everything.
    """
    if user is not None:
        check(user, "clusters.import_units")
    result = ImportResult(filename=PurePath(filename).name, dry_run=dry_run)
    errors = ErrorLog()
    try:
        rows = read_rows(read_sheet(data, filename, max_rows), errors)
    except ImportFileError as exc:
        errors.add(0, "", exc.message)
        rows = []
    result.rows = len(rows)
    if rows:
        plan = build_plan(rows, Scope(user), errors)
        try:
            # all or nothing, so the audit events can be chained in one step at the end
            with transaction.atomic(), batched_events():
                result.counts = apply_plan(plan, errors)
                _collect_links(result, plan)
                if errors or dry_run:
                    raise _RollBack
                if result.counts.total:
                    _record(result, data, user)
        except _RollBack:
            pass
    result.errors = errors.sorted()
    return result


def _collect_links(result: ImportResult, plan: Plan) -> None:
    result.units = [
        UnitLink(pk=u.created.pk, code=u.code, name=u.created.name)
        for u in plan.creation_order
        if u.created is not None
    ]
    result.cluster_years = [
        YearLink(
            code=entry.cluster.code,
            year=entry.year,
            name=entry.cluster.name,
            created=entry.created is not None,
            added=entry.added,
        )
        for entry in plan.years.values()
        if entry.cluster_year is not None
    ]


def _record(result: ImportResult, data: bytes, user: User | None) -> None:
    counts = result.counts
    record_event(
        action="import.units",
        object_type="import",
        object_id=hashlib.sha256(data).hexdigest(),
        object_repr=result.filename[:300],
        after={
            "file": result.filename,
            "rows": result.rows,
            "units": counts.units,
            "clusters": counts.clusters,
            "cluster_years": counts.cluster_years,
            "memberships": counts.memberships,
            "heads": counts.heads,
        },
        note=_vietnamese_summary(result),
        actor=user,
    )


def _vietnamese_summary(result: ImportResult) -> str:
    with translation.override("vi"):  # the audit trail reads the same whatever the UI language
        return summary(result)


def summary(result: ImportResult) -> str:
    """One Vietnamese sentence with the counts, for messages, the command and the audit note."""
    counts = result.counts
    return _(
        "Tệp “{file}” ({rows} dòng): {units} đơn vị mới, {clusters} cụm mới, {years} cụm-năm "
        "mới, {members} lượt thành viên mới, {heads} trưởng/phó được ghi nhận."
    ).format(
        file=result.filename,
        rows=result.rows,
        units=counts.units,
        clusters=counts.clusters,
        years=counts.cluster_years,
        members=counts.memberships,
        heads=counts.heads,
    )
