"""The unit import's file format on top of the shared reader (``core.sheets``): its header row is
the one with the “Mã đơn vị” column; a web request reads at most ``WEB_MAX_ROWS`` rows.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.clusters.imports.columns import HEADER_INDEX, header_label
from thidua.core.sheets import (
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    ImportFileError,
    Sheet,
    SheetFormat,
    decode_csv,
    file_kind,
    normalize_header,
)
from thidua.core.sheets import read_sheet as read_any_sheet

__all__ = [
    "MAX_ROWS",
    "WEB_MAX_ROWS",
    "ImportFileError",
    "Sheet",
    "decode_csv",
    "file_kind",
    "is_unit_header",
    "read_sheet",
]

# A web request imports roughly 30–110 rows a second (bench/bench_import.py). PostgreSQL is the
# slower: every service call is a savepoint and several round trips, and one transaction holding
# thousands of savepoints slows down as it grows. Keep a request well under 30 s.
WEB_MAX_ROWS = 500


def is_unit_header(cells: list[Any]) -> bool:
    """The header row of the unit import has the “Mã đơn vị” column."""
    return any(HEADER_INDEX.get(normalize_header(cell)) == "code" for cell in cells)


def read_sheet(data: bytes, filename: str, max_rows: int = MAX_ROWS) -> Sheet:
    """The one sheet to import, refusing files whose data is not (only) on the first sheet."""
    fmt = SheetFormat(
        is_header=is_unit_header,
        missing_header=_missing_header_message,
        what=_("danh sách đơn vị"),
        command="thidua import-units",
    )
    return read_any_sheet(data, filename, fmt, max_rows)


def _missing_header_message(sheet_name: str) -> str:
    where = (
        _("trong {rows} dòng đầu của trang tính “{sheet}”").format(
            rows=HEADER_SEARCH_ROWS, sheet=sheet_name
        )
        if sheet_name
        else _("trong {rows} dòng đầu của tệp").format(rows=HEADER_SEARCH_ROWS)
    )
    return _(
        "Không tìm thấy dòng tiêu đề có cột “{code}” {where}. Dòng tiêu đề cần có các cột: "
        "{columns}. Hãy tải tệp mẫu và chép dữ liệu vào đó."
    ).format(code=header_label("code"), where=where, columns=", ".join(_required_headers()))


def _required_headers() -> list[str]:
    return [f"“{header_label(key)}”" for key in ("code", "name", "kind", "cluster_code", "year")]
