"""From the sheet to checked rows: every error of every row, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.accounts.imports.columns import (
    HEADER_INDEX,
    derive_username,
    header_label,
    is_user_header,
    parse_role,
)
from thidua.accounts.models import User
from thidua.accounts.services import check_grant, validate_scope
from thidua.accounts.services.users import validate_identity
from thidua.core.sheets import Sheet, clean_text, normalize_header
from thidua.organizations.models import Authority, Organization

if TYPE_CHECKING:
    from thidua.accounts.imports.service import RowError


@dataclass
class PlannedUser:
    """One row, checked: the account it will create."""

    row: int
    full_name: str
    username: str
    email: str
    position: str
    role: str
    organization: Organization | None = None
    authority: Authority | None = None
    derived: bool = False  # the username was made from the name

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def scope(self) -> Any:
        return self.organization or self.authority


@dataclass
class Checker:
    """Checks the rows of one file against each other and the database."""

    manager: User | None
    need_email: bool
    errors: list[RowError] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # usernames of the file, lower-case
    units: dict[str, Organization] = field(default_factory=dict)
    authorities: dict[str, Authority] = field(default_factory=dict)

    def error(self, row: int, key: str, message: str) -> None:
        from thidua.accounts.imports.service import RowError

        self.errors.append(RowError(row=row, column=header_label(key), message=message))

    def load(self, cells_by_row: list[tuple[int, dict[str, str]]]) -> None:
        """The units and authorities the file names, in two queries."""
        units = {c.get("unit_code", "") for _, c in cells_by_row} - {""}
        authorities = {c.get("authority_code", "") for _, c in cells_by_row} - {""}
        self.units = {o.code: o for o in Organization.objects.filter(code__in=units)}
        self.authorities = {a.code: a for a in Authority.objects.filter(code__in=authorities)}

    def check(self, row: int, cells: dict[str, str]) -> PlannedUser | None:
        before = len(self.errors)
        full_name = cells.get("full_name", "")
        if not full_name:
            self.error(row, "full_name", _("Thiếu họ và tên."))
        role = parse_role(cells.get("role", ""))
        if role is None:
            self.error(
                row, "role", _("Vai trò “{role}” không có.").format(role=cells.get("role", ""))
            )
        unit = self._lookup(row, "unit_code", self.units, cells, _("Không có đơn vị mã “{code}”."))
        authority = self._lookup(
            row, "authority_code", self.authorities, cells, _("Không có cơ quan mã “{code}”.")
        )
        username, derived = self._username(row, cells.get("username", ""), full_name)
        self._identity(row, username, cells.get("email", ""))
        if role is not None and len(self.errors) == before:
            self._role(row, role, unit, authority)
        if len(self.errors) > before or role is None:
            return None
        return PlannedUser(
            row=row,
            full_name=full_name,
            username=username,
            email=cells.get("email", ""),
            position=cells.get("position", ""),
            role=role,
            organization=unit,
            authority=authority,
            derived=derived,
        )

    def _lookup(
        self, row: int, key: str, known: dict[str, Any], cells: dict[str, str], msg: str
    ) -> Any:
        code = cells.get(key, "")
        if code and code not in known:
            self.error(row, key, msg.format(code=code))
        return known.get(code) if code else None

    def _username(self, row: int, given: str, full_name: str) -> tuple[str, bool]:
        if given:
            if given.lower() in self.taken:
                self.error(
                    row,
                    "username",
                    _("Tên đăng nhập “{username}” trùng với một dòng trên.").format(username=given),
                )
            self.taken.add(given.lower())
            return given, False
        base = derive_username(full_name)
        if not base:
            return "", True
        candidate, number = base, 1
        while candidate in self.taken or User.objects.filter(username__iexact=candidate).exists():
            number += 1
            candidate = f"{base}{number}"
        self.taken.add(candidate)
        return candidate, True

    def _identity(self, row: int, username: str, email: str) -> None:
        if not username:
            return
        try:
            validate_identity(username, email, invite=self.need_email)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    self.error(row, key, message)

    def _role(
        self, row: int, role: str, unit: Organization | None, authority: Authority | None
    ) -> None:
        try:
            validate_scope(role, unit, authority)
            check_grant(self.manager, role, unit, authority)
        except ValidationError as exc:
            for message in exc.messages:
                self.error(row, "role", message)
        except PermissionDenied as exc:
            self.error(row, "role", str(exc))


def header_map(sheet: Sheet) -> tuple[int, dict[int, str]]:
    """The header row and, for each column index, the key of the column it holds."""
    found = sheet.find_header(is_user_header)
    assert found is not None  # read_sheet refused files without one
    number, cells = found
    mapping = {}
    for index, cell in enumerate(cells):
        key = HEADER_INDEX.get(normalize_header(cell))
        if key is not None:
            mapping[index] = key
    return number, mapping


def cells_by_row(sheet: Sheet) -> list[tuple[int, dict[str, str]]]:
    header, mapping = header_map(sheet)
    rows = []
    for number, cells in sheet.rows:
        if number <= header:
            continue
        values = {key: clean_text(cells[i]) for i, key in mapping.items() if i < len(cells)}
        if any(values.values()):
            rows.append((number, values))
    return rows
