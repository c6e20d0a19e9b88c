"""Day-first input formats (see ``thidua.core.formats``); display formats stay Django's."""

from __future__ import annotations

from thidua.core.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS"]
