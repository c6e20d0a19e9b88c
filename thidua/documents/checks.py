"""``check``: the font official PDFs are printed with (fonts.py, docs/documents.md).

A folder given by ``THIDUA_DOCUMENT_FONT_DIR`` without the four styles of Times New Roman is a
warning (documents would silently fall back to Liberation Serif). Which font is in use:
``thidua doc --font`` (``check --deploy`` stays clean).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register

from thidua.documents.fonts import STYLES, TIMES, document_font, times_new_roman_in


@register("documents")
def font_folder(app_configs: Any, **kwargs: Any) -> list[Warning]:
    from pathlib import Path

    folder = str(getattr(settings, "DOCUMENT_FONT_DIR", "") or "")
    if not folder:
        return []
    found = times_new_roman_in(list(Path(folder).rglob("*")))
    missing = [style for style in STYLES if style not in found]
    if not missing:
        return []
    return [
        Warning(
            f"THIDUA_DOCUMENT_FONT_DIR={folder} lacks {TIMES} "
            f"({', '.join(missing)}); official PDFs use {document_font().description}.",
            id="documents.W001",
        )
    ]
