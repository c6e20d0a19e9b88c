"""The columns of the unit import file: how headers are recognised and how cells are read.

Headers are the file format, not UI text: they stay Vietnamese in every language (an English
alias is accepted too). They are matched without accents, case or punctuation, so “Ma don vi”,
“MÃ ĐƠN VỊ” and “Mã đơn vị (bắt buộc)” are the same column.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import TextChoices
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.enums import HEAD_LABELS, ClusterKind
from thidua.core.numbers import is_digits
from thidua.core.sheets import (  # the generic cell helpers live with the shared reader
    clean_text,
    column_letter,  # noqa: F401 -- re-exported: the unit import names cells by letter
    normalize_header,
)
from thidua.core.vntext import fold
from thidua.organizations.enums import OrganizationKind


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # written in the file; the file format is Vietnamese in every UI language
    description: Promise
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        "Mã đơn vị",
        gettext_lazy(
            "Bắt buộc. Mã duy nhất của đơn vị: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới; "
            "bắt đầu bằng chữ hoặc số (tối đa 40 ký tự)."
        ),
        ("unit code", "ma dv"),
    ),
    Column(
        "name",
        "Tên đơn vị",
        gettext_lazy(
            "Bắt buộc khi tạo đơn vị mới. Để trống nếu đơn vị đã có trong hệ thống "
            "(khi đó mã phải tồn tại)."
        ),
        ("unit name", "ten dv"),
    ),
    Column("short_name", "Tên viết tắt", gettext_lazy("Không bắt buộc."), ("short name",)),
    Column(
        "kind",
        "Loại đơn vị",
        gettext_lazy("Bắt buộc khi tạo đơn vị mới. Một trong: {choices}."),
        ("unit kind",),
    ),
    Column(
        "parent_code",
        "Mã đơn vị cấp trên",
        gettext_lazy(
            "Không bắt buộc. Mã của cơ quan chủ quản, đã có trong hệ thống hoặc có trong tệp."
        ),
        ("parent code", "ma co quan chu quan"),
    ),
    Column(
        "province",
        "Tỉnh/Thành phố",
        gettext_lazy("Không bắt buộc."),
        ("province", "tinh"),
    ),
    Column(
        "valid_from",
        "Hoạt động từ",
        gettext_lazy("Không bắt buộc. Ngày bắt đầu hoạt động, dạng dd/mm/yyyy."),
        ("valid from", "ngay thanh lap"),
    ),
    Column(
        "valid_to",
        "Giải thể ngày",
        gettext_lazy(
            "Không bắt buộc. Ngày giải thể hoặc sáp nhập, dạng dd/mm/yyyy; "
            "không được trước ngày “Hoạt động từ”."
        ),
        ("valid to", "ngay giai the"),
    ),
    Column(
        "cluster_code",
        "Mã cụm",
        gettext_lazy(
            "Không bắt buộc. Mã cụm, khối mà đơn vị là thành viên trong “Năm”; "
            "để trống nếu chỉ nhập đơn vị."
        ),
        ("cluster code", "ma khoi", "ma cum khoi"),
    ),
    Column(
        "year",
        "Năm",
        gettext_lazy("Bắt buộc khi có “Mã cụm”. Năm hoạt động của cụm, ví dụ 2025."),
        ("year",),
    ),
    Column(
        "role",
        "Vai trò trong cụm",
        gettext_lazy(
            "Cụm trưởng / Khối trưởng (hoặc Trưởng), Cụm phó / Khối phó (hoặc Phó), "
            "Thành viên hoặc để trống. Mỗi cụm-năm có một trưởng và một phó; "
            "trưởng, phó đã có không bị thay đổi."
        ),
        ("role", "vai tro"),
    ),
    Column(
        "cluster_name",
        "Tên cụm",
        gettext_lazy("Chỉ cần khi tạo cụm, khối mới (mã cụm chưa có trong hệ thống)."),
        ("cluster name", "ten khoi", "ten cum khoi"),
    ),
    Column(
        "cluster_kind",
        "Loại cụm",
        gettext_lazy("Khi tạo cụm mới: Cụm hoặc Khối (mặc định: Cụm)."),
        ("cluster kind", "loai cum khoi", "loai khoi"),
    ),
    Column(
        "authority_code",
        "Mã cơ quan tổ chức",
        gettext_lazy(
            "Mã cơ quan tổ chức cụm, khối (ví dụ HN) mà đơn vị mới và cụm mới của dòng thuộc về. "
            "Bắt buộc với đơn vị mới không có “Mã cụm”; để trống thì lấy cơ quan của cụm, khối "
            "mà đơn vị tham gia (khi tạo cụm mới: cơ quan của tài khoản đang nhập)."
        ),
        ("mã cơ quan", "authority code", "ma hoi dong", "ma co quan to chuc cum khoi"),
    ),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
# Columns people keep in their spreadsheets that carry nothing to import.
IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "ghi chu", "note"})


def header_label(key: str) -> str:
    return COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else ""


HEADER_INDEX: dict[str, str] = {}
for _column in COLUMNS:
    for _text in (_column.header, *_column.aliases):
        HEADER_INDEX[normalize_header(_text)] = _column.key


# ------------------------------------------------------------------------------- cells


class CellError(ValueError):
    """A cell that cannot be read; the message is Vietnamese and says how to write it."""


def same_text(a: str, b: str) -> bool:
    """Equal apart from letter case and spacing; accents count ('Sở Nội vụ' ≠ 'So Noi vu')."""
    return clean_text(a).casefold() == clean_text(b).casefold()


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
# Excel serial day numbers for 1900-03-01 … 9999-12-31 (a date cell without a date format).
_EXCEL_SERIALS = (61, 2958465)


def parse_date(value: object) -> dt.date | None:
    """dd/mm/yyyy (also with '-' or '.'), ISO yyyy-mm-dd, a date cell or an Excel day number."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise _bad_date(value)
    text = clean_text(value)
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise _bad_date(text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _bad_date(text) from None


def _bad_date(value: object) -> CellError:
    return CellError(
        _("Ngày “{value}” không hợp lệ; hãy ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.").format(
            value=clean_text(value)
        )
    )


def parse_year(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if not text:
        return None
    if not is_digits(text) or len(text) != 4:
        raise CellError(
            _("Năm “{value}” không hợp lệ; hãy ghi 4 chữ số, ví dụ 2025.").format(value=text)
        )
    return int(text)


def _vi_and_current(label: Promise | str) -> set[str]:
    """The normalised Vietnamese label and its translation in the current language."""
    with translation.override("vi"):
        vietnamese = str(label)
    return {normalize_header(vietnamese), normalize_header(str(label))}


def _choice_vocabulary(choices: type[TextChoices], *, first_word: bool = False) -> dict[str, str]:
    """Every way to write a choice: its code, its label and the parts of a label such as
    'Sở, ban, ngành' → 'sở', 'ban', 'ngành' (parts shared by two choices are left out);
    with ``first_word``, also the label's first word ('Cụm thi đua' → 'Cụm')."""
    vocabulary: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for value, label in zip(choices.values, choices.labels, strict=True):
        vocabulary[normalize_header(value)] = value
        with translation.override("vi"):
            vietnamese = str(label)
        for part in fold(vietnamese).split(","):
            parts.setdefault(normalize_header(part), set()).add(value)
        for text in _vi_and_current(label):
            vocabulary[text] = value
            if first_word:
                parts.setdefault(text.split(" ")[0], set()).add(value)
    for part, values in parts.items():
        if part and len(values) == 1:
            vocabulary.setdefault(part, values.pop())
    return vocabulary


@lru_cache(maxsize=8)
def _vocabulary(name: str, language: str) -> dict[str, Any]:
    del language  # part of the cache key: translated labels differ per language
    if name == "unit_kind":
        return _choice_vocabulary(OrganizationKind)
    if name == "cluster_kind":
        return _choice_vocabulary(ClusterKind, first_word=True)
    return _role_vocabulary()


def _lookup(name: str, text: str) -> Any:
    return _vocabulary(name, translation.get_language() or "").get(normalize_header(text))


def _choice_labels(choices: type[TextChoices]) -> str:
    with translation.override("vi"):
        return ", ".join(f"“{label}”" for label in choices.labels)


def parse_unit_kind(value: object) -> str:
    text = clean_text(value)
    if not text:
        return ""
    kind = _lookup("unit_kind", text)
    if kind is None:
        raise CellError(
            _("Loại đơn vị “{value}” không hợp lệ; hãy ghi một trong: {choices}.").format(
                value=text, choices=_choice_labels(OrganizationKind)
            )
        )
    return str(kind)


def parse_cluster_kind(value: object) -> str:
    text = clean_text(value)
    if not text:
        return ""
    kind = _lookup("cluster_kind", text)
    if kind is None:
        raise CellError(
            _("Loại cụm “{value}” không hợp lệ; hãy ghi “Cụm” hoặc “Khối”.").format(value=text)
        )
    return str(kind)


class RowRole(enum.Enum):
    MEMBER = "member"
    HEAD = "head"
    DEPUTY = "deputy"


def _role_vocabulary() -> dict[str, tuple[RowRole, str]]:
    """'cum truong' → (HEAD, cluster); generic words fit both kinds (kind '')."""
    vocabulary: dict[str, tuple[RowRole, str]] = {}
    for word in ("", "thanh vien", "member"):
        vocabulary[word] = (RowRole.MEMBER, "")
    for word in ("truong", "don vi truong", "head"):
        vocabulary[word] = (RowRole.HEAD, "")
    for word in ("pho", "don vi pho", "deputy"):
        vocabulary[word] = (RowRole.DEPUTY, "")
    for kind, (head, deputy) in HEAD_LABELS.items():
        for text in _vi_and_current(head):
            vocabulary[text] = (RowRole.HEAD, kind.value)
        for text in _vi_and_current(deputy):
            vocabulary[text] = (RowRole.DEPUTY, kind.value)
    return vocabulary


def parse_role(value: object) -> tuple[RowRole, str]:
    """The role and, when the label names one ('Khối trưởng'), the cluster kind it implies."""
    text = clean_text(value)
    found = _lookup("role", text)
    if found is None:
        raise CellError(
            _(
                "Vai trò “{value}” không hợp lệ; hãy ghi Cụm trưởng, Khối trưởng, Cụm phó, "
                "Khối phó, Thành viên hoặc để trống."
            ).format(value=text)
        )
    return found


def describe(column: Column) -> str:
    """The help text of a column for the import page and the docs."""
    if column.key == "kind":
        return str(column.description).format(choices=_choice_labels(OrganizationKind))
    return str(column.description)
