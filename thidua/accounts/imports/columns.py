"""The columns of the user import file. Headers are the file format (Vietnamese in every UI
language); they are matched without accents, case or punctuation (``core.sheets``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.core.sheets import normalize_header
from thidua.core.vntext import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    description: Promise
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", _("Bắt buộc."), ("họ tên", "full name", "name")),
    Column(
        "email",
        "E-mail",
        _("Bắt buộc khi gửi thư mời đặt mật khẩu."),
        ("email", "thư điện tử", "địa chỉ e-mail"),
    ),
    Column(
        "username",
        "Tên đăng nhập",
        _(
            "Không bắt buộc: để trống thì tạo từ họ tên theo kiểu tên + chữ đầu họ đệm "
            "(Nguyễn Văn An → annv; trùng thì thêm số)."
        ),
        ("username", "tài khoản"),
    ),
    Column("position", "Chức vụ", _("Không bắt buộc."), ("position",)),
    Column(
        "unit_code",
        "Mã đơn vị",
        _("Với thư ký cụm, cán bộ thi đua, thủ trưởng đơn vị (và người xem của một đơn vị)."),
        ("unit code", "mã dv"),
    ),
    Column(
        "authority_code",
        "Mã cơ quan",
        _("Với cán bộ Ban TĐKT, thành viên Hội đồng (và người xem cấp hội đồng)."),
        ("mã cơ quan tổ chức cụm, khối", "authority code", "mã hội đồng"),
    ),
    Column("role", "Vai trò", _("Bắt buộc. Một trong: {choices}.")),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
HEADER_INDEX = {
    normalize_header(text): column.key
    for column in COLUMNS
    for text in (column.header, *column.aliases)
}
# Short ways people write a role in a spreadsheet.
ROLE_ALIASES: dict[str, str] = {
    "quan tri": Role.SYSTEM_ADMIN,
    "can bo ban tdkt": Role.BOARD_OFFICER,
    "can bo ban thi dua": Role.BOARD_OFFICER,
    "thu ky cum": Role.CLUSTER_SECRETARIAT,
    "thu ky khoi": Role.CLUSTER_SECRETARIAT,
    "can bo thi dua": Role.UNIT_OFFICER,
    "thu truong": Role.UNIT_LEADER,
    "lanh dao don vi": Role.UNIT_LEADER,
    "thanh vien hoi dong": Role.COUNCIL_MEMBER,
    "nguoi xem": Role.VIEWER,
}


def header_label(key: str) -> str:
    return COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else ""


def is_user_header(cells: list[Any]) -> bool:
    return any(HEADER_INDEX.get(normalize_header(cell)) == "full_name" for cell in cells)


def role_labels() -> list[str]:
    with translation.override("vi"):
        return [str(label) for label in Role.labels]


@lru_cache(maxsize=1)
def _role_vocabulary() -> dict[str, str]:
    vocabulary: dict[str, str] = dict(ROLE_ALIASES)
    for value, label in zip(Role.values, role_labels(), strict=True):
        vocabulary[normalize_header(value)] = value
        vocabulary[normalize_header(label)] = value
    return vocabulary


def parse_role(text: str) -> str | None:
    return _role_vocabulary().get(normalize_header(text))


def describe(column: Column) -> str:
    with translation.override("vi"):
        return str(column.description).format(choices=", ".join(f"“{r}”" for r in role_labels()))


def derive_username(full_name: str) -> str:
    """Vietnamese habit: the given name, then the first letters of the family and middle names
    ('Nguyễn Văn An' → 'annv', 'Lê Thị Thu Hà' → 'haltt')."""
    parts = [p for p in fold(full_name).replace("-", " ").split() if p.isalnum()]
    if not parts:
        return ""
    return parts[-1] + "".join(p[0] for p in parts[:-1])
