"""The history import (docs/dev/awards-design.md §6, docs/import-history.md)."""

from __future__ import annotations

from thidua.awards.imports.history import ImportResult, import_history, summary
from thidua.awards.imports.reader import HISTORY_MAX_ROWS, WEB_MAX_ROWS

__all__ = ["HISTORY_MAX_ROWS", "WEB_MAX_ROWS", "ImportResult", "import_history", "summary"]
