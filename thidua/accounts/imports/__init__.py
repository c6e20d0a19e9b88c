"""Creating many accounts at once from an XLSX or CSV file: one row per person.

The same all-or-nothing as the unit import: every row is checked; with any error nothing is
written and the result lists every error by row. The file is read by the shared reader
(``core.sheets``); each account is created by ``services.create_user``. See docs/people.md.
"""

from __future__ import annotations

from thidua.accounts.imports.columns import COLUMNS, Column
from thidua.accounts.imports.service import ImportResult, PlannedUser, RowError, import_users
from thidua.accounts.imports.template import build_xlsx

__all__ = [
    "COLUMNS",
    "Column",
    "ImportResult",
    "PlannedUser",
    "RowError",
    "build_xlsx",
    "import_users",
]
