"""Importing units and cluster memberships from XLSX or CSV (issue 2, item 7).

One row per unit, optionally with its membership of one cluster year. Every row is checked;
if any row is wrong nothing is written and the result lists the errors row by row.
``reader`` (file → cells) → ``rows`` (cells → typed rows) → ``plan`` (rows ↔ database) →
``apply`` (the ordinary services, in one transaction). See docs/import.md.
"""

from __future__ import annotations

from thidua.clusters.imports.apply import Counts
from thidua.clusters.imports.columns import COLUMNS, Column, describe
from thidua.clusters.imports.reader import ImportFileError, decode_csv, file_kind
from thidua.clusters.imports.rows import RowError
from thidua.clusters.imports.service import ImportResult, import_units, summary

__all__ = [
    "COLUMNS",
    "Column",
    "Counts",
    "ImportFileError",
    "ImportResult",
    "RowError",
    "decode_csv",
    "describe",
    "file_kind",
    "import_units",
    "summary",
]
