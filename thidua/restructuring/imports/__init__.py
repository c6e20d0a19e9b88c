"""Importing restructuring decisions (one row per old unit) from XLSX or CSV, all or nothing."""

from __future__ import annotations

from thidua.restructuring.imports.service import ImportResult, import_restructurings, summary

__all__ = ["ImportResult", "import_restructurings", "summary"]
