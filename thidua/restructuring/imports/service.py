"""``import_restructurings``: the restructuring decisions of a province-wide reform from one
XLSX/CSV file, all or nothing. Rows are grouped into restructurings (a merge by its new unit, a
split by its old unit, the other kinds one row each) and applied in file order through
``services.restructure`` in one transaction; if any row is wrong, nothing is written and the
result lists the errors by row. With ``dry_run`` (the preview) the transaction is rolled back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.clusters.imports.reader import MAX_ROWS, ImportFileError
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.restructuring import services
from thidua.restructuring.enums import RestructuringKind
from thidua.restructuring.imports.columns import ImportRow
from thidua.restructuring.imports.rows import RowError, read_file, read_rows
from thidua.restructuring.inputs import build_spec
from thidua.restructuring.plan import Decision, NewUnit, Plan, Spec

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass
class ImportResult:
    filename: str
    dry_run: bool
    errors: list[RowError] = field(default_factory=list)
    plans: list[tuple[list[int], Plan]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and bool(self.plans)


class _Rollback(Exception):
    pass


def import_restructurings(
    *,
    data: bytes,
    filename: str,
    user: User | None,
    dry_run: bool = False,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    if user is not None:
        check(user, services.PERMISSION)
    result = ImportResult(filename=filename, dry_run=dry_run)
    try:
        rows = read_rows(read_file(data, filename, max_rows), result.errors)
    except ImportFileError as exc:
        result.errors.append(RowError(0, "", exc.message))
        return result
    groups: dict[tuple[Any, ...], list[ImportRow]] = defaultdict(list)
    for row in rows:
        groups[row.group_key()].append(row)
    try:
        with transaction.atomic():
            for group in groups.values():
                _apply_group(group, user, result)
            if result.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if result.errors:
        result.plans = []
    return result


def _apply_group(group: list[ImportRow], user: User | None, result: ImportResult) -> None:
    numbers = [row.number for row in group]
    try:
        spec = _spec(group, user)
        _restructuring, plan = services.restructure_with_plan(spec, user=user)
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        result.errors.extend(RowError(n, "", " ".join(messages)) for n in numbers)
        return
    result.plans.append((numbers, plan))


def _spec(group: list[ImportRow], user: User | None) -> Spec:
    first = group[0]
    for row in group[1:]:
        if (row.decision_date, row.issuing_body) != (first.decision_date, first.issuing_body):
            raise ValidationError(
                _("Các dòng của cùng một quyết định phải cùng ngày quyết định và cơ quan ban hành.")
            )
    kind = first.kind
    old_codes = list(dict.fromkeys(r.old_code for r in group))
    new_rows = list({r.new_code: r for r in group if r.new_code}.values())
    existing = set(
        Organization.objects.filter(code__in=[r.new_code for r in new_rows]).values_list(
            "code", flat=True
        )
    )
    if kind in (RestructuringKind.MOVE, RestructuringKind.DISSOLVE) and new_rows:
        raise ValidationError(
            _("Hình thức này không có đơn vị mới; hãy để trống cột “Mã đơn vị mới”.")
        )
    return build_spec(
        kind=kind,
        decision=Decision(
            number=first.decision_number,
            date=first.decision_date,
            effective_date=first.effective_date,
            issuing_body=first.issuing_body,
            note=first.note,
        ),
        unit_codes=old_codes,
        successor_codes=[r.new_code for r in new_rows if r.new_code in existing],
        new_units=[
            NewUnit(r.new_code, r.new_name, r.new_kind)
            for r in new_rows
            if r.new_code not in existing
        ],
        target_authority=first.authority_code,
        user=user,
    )


def summary(result: ImportResult) -> str:
    plans = [plan for _rows, plan in result.plans]
    return _(
        "{n} lần sắp xếp: {closed} đơn vị cũ ngừng hoạt động, {created} đơn vị mới, "
        "{moved} thành viên cụm, khối chuyển hoặc rời, {clusters} cụm, khối bị ảnh hưởng."
    ).format(
        n=len(plans),
        closed=sum(len(p.closed) for p in plans),
        created=sum(len(p.created) for p in plans),
        moved=sum(len(p.changes) for p in plans),
        clusters=len({c for p in plans for c in p.affected_clusters}),
    )
