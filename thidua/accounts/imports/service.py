"""``import_users``: the one entry point of the import page and ``thidua import-users``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.imports.columns import is_user_header
from thidua.accounts.imports.rows import Checker, PlannedUser, cells_by_row
from thidua.accounts.models import User
from thidua.accounts.services import create_user
from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.core.sheets import (
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    ImportFileError,
    SheetFormat,
    read_sheet,
)

__all__ = ["ImportResult", "PlannedUser", "RowError", "import_users"]

WEB_MAX_ROWS = 500


@dataclass(frozen=True)
class RowError:
    """One line of the report: spreadsheet row (0 = the whole file), column header, message."""

    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    """What an import did (or, with errors or ``dry_run``, would have done: nothing is kept)."""

    filename: str
    dry_run: bool = False
    people: list[PlannedUser] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _RollBack(Exception):
    """Leaves the import's transaction without keeping anything."""


def _format() -> SheetFormat:
    return SheetFormat(
        is_header=is_user_header,
        missing_header=lambda sheet: _(
            "Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong {rows} dòng đầu{where}. Hãy tải "
            "tệp mẫu và chép dữ liệu vào đó."
        ).format(
            rows=HEADER_SEARCH_ROWS,
            where=_(" của trang tính “{sheet}”").format(sheet=sheet) if sheet else "",
        ),
        what=_("danh sách người dùng"),
        command="thidua import-users",
    )


def import_users(
    *,
    data: bytes,
    filename: str,
    user: User | None,
    dry_run: bool = False,
    send_invitations: bool = True,
    base_url: str = "",
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Create one account per row, each with its role over a unit or an authority.

    All or nothing: every row is checked (name, username free, e-mail, unit or authority code,
    the role and its scope, and that ``user`` may give that role there); with any error nothing
    is written. Accounts have no password: with ``send_invitations`` each person is e-mailed a
    link to set theirs. ``user`` must hold ``accounts.import_users``; ``None`` is the command
    line. Side effects: ``services.create_user``'s events and one ``import.users`` event.
    """
    if user is not None:
        check(user, "accounts.import_users")
    result = ImportResult(filename=PurePath(filename).name, dry_run=dry_run)
    checker = Checker(manager=user, need_email=send_invitations)
    try:
        rows = cells_by_row(read_sheet(data, filename, _format(), max_rows))
    except ImportFileError as exc:
        result.errors = [RowError(row=0, column="", message=exc.message)]
        return result
    if not rows:
        result.errors = [RowError(0, "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))]
        return result
    checker.load(rows)
    result.people = [p for p in (checker.check(n, cells) for n, cells in rows) if p is not None]
    result.errors = checker.errors
    if result.ok and not dry_run:
        _create(result, data, user, send_invitations, base_url)
    return result


def _create(
    result: ImportResult, data: bytes, user: User | None, invite: bool, base_url: str
) -> None:
    try:
        with transaction.atomic():
            for person in result.people:
                try:
                    create_user(
                        user=user,
                        username=person.username,
                        full_name=person.full_name,
                        email=person.email,
                        position=person.position,
                        role=person.role,
                        organization=person.organization,
                        authority=person.authority,
                        invite=True,
                        send_invitation=invite,
                        base_url=base_url,
                    )
                except ValidationError as exc:
                    result.errors += [RowError(person.row, "", m) for m in exc.messages]
            if result.errors:
                raise _RollBack
            result.created = len(result.people)
            record_event(
                action="import.users",
                object_type="import",
                object_id=hashlib.sha256(data).hexdigest(),
                object_repr=result.filename[:300],
                after={"file": result.filename, "users": result.created},
                actor=user,
            )
    except _RollBack:
        result.created = 0
