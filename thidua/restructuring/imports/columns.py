"""The columns of the restructuring import (one row per old unit) and the reading of one row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.clusters.imports.columns import (
    CellError,
    clean_text,
    normalize_header,
    parse_date,
    parse_unit_kind,
)
from thidua.core.vntext import fold
from thidua.restructuring.enums import RestructuringKind


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: Any


def parse_kind(value: object) -> str:
    text = fold(clean_text(value))
    for kind, words in KIND_WORDS.items():
        if any(text.startswith(word) for word in words):
            return kind
    raise CellError(
        str(
            _("Hình thức “{value}” không hợp lệ; hãy ghi một trong: {choices}.").format(
                value=clean_text(value),
                choices=", ".join(f"“{k.label}”" for k in RestructuringKind),
            )
        )
    )


KIND_WORDS = {
    RestructuringKind.MERGE: ("sap nhap", "hop nhat", "merge"),
    RestructuringKind.SPLIT: ("chia tach", "tach", "split"),
    RestructuringKind.RENAME: ("doi ten", "rename"),
    RestructuringKind.MOVE: ("chuyen", "move"),
    RestructuringKind.DISSOLVE: ("giai the", "dissolve"),
}

COLUMNS = [
    Column("old_code", "Mã đơn vị cũ", True, _("Mã của đơn vị được sắp xếp (một dòng một đơn vị)")),
    Column(
        "kind",
        "Hình thức",
        True,
        _("Sáp nhập/hợp nhất, Chia tách, Đổi tên, Chuyển cơ quan quản lý, Giải thể"),
    ),
    Column(
        "new_code",
        "Mã đơn vị mới",
        False,
        _("Đơn vị mới hoặc đơn vị có sẵn tiếp nhận; chia tách: một dòng cho mỗi đơn vị mới"),
    ),
    Column("new_name", "Tên đơn vị mới", False, _("Bắt buộc khi mã đơn vị mới chưa có")),
    Column("new_kind", "Loại đơn vị mới", False, _("Để trống: như đơn vị cũ")),
    Column(
        "authority_code", "Mã cơ quan mới", False, _("Chỉ cho hình thức chuyển cơ quan quản lý")
    ),
    Column("decision_number", "Số quyết định", True, _("Ví dụ 1656/QĐ-UBND")),
    Column("decision_date", "Ngày quyết định", True, _("dd/mm/yyyy")),
    Column("issuing_body", "Cơ quan ban hành", False, _("Ví dụ UBND tỉnh Ninh Bình")),
    Column(
        "effective_date",
        "Ngày hiệu lực",
        True,
        _("dd/mm/yyyy; đơn vị cũ hoạt động đến hết ngày hôm trước"),
    ),
    Column("note", "Ghi chú", False, ""),
]
HEADERS = {normalize_header(c.header): c.key for c in COLUMNS}
PARSERS: dict[str, Callable[[object], Any]] = {
    "kind": parse_kind,
    "new_kind": parse_unit_kind,
    "decision_date": parse_date,
    "effective_date": parse_date,
}


@dataclass(frozen=True)
class ImportRow:
    number: int
    old_code: str
    kind: str
    new_code: str
    new_name: str
    new_kind: str
    authority_code: str
    decision_number: str
    decision_date: dt.date
    issuing_body: str
    effective_date: dt.date
    note: str

    def group_key(self) -> tuple[Any, ...]:
        """Rows of one restructuring: a merge by its new unit, a split by its old unit, the
        other kinds one row each."""
        target = self.new_code if self.kind == RestructuringKind.MERGE else self.old_code
        if self.kind in (
            RestructuringKind.RENAME,
            RestructuringKind.MOVE,
            RestructuringKind.DISSOLVE,
        ):
            target = f"row-{self.number}"
        return (self.kind, self.decision_number, self.effective_date, target)
