"""The import templates (units, users, history, restructuring) print like every export: A4
landscape, one page wide, the header row on every page, page numbers (``core.xlsx``)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from openpyxl import load_workbook

from thidua.accounts.imports import template as accounts_template
from thidua.awards.imports import template as awards_template
from thidua.clusters.imports import template as clusters_template
from thidua.restructuring.imports import template as restructuring_template

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TEMPLATES: dict[str, Callable[[], bytes]] = {
    "units": lambda: clusters_template.build_xlsx("HN"),
    "users": lambda: accounts_template.build_xlsx("HN-SNV", "HN"),
    "history": lambda: awards_template.build_xlsx("HN-SNV"),
    "restructuring": restructuring_template.build_xlsx,
}


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_import_template_prints_one_page_wide(name: str) -> None:
    book = load_workbook(io.BytesIO(TEMPLATES[name]()))
    tables = [ws for ws in book.worksheets if ws.print_title_rows]
    assert tables
    for ws in tables:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
            9,
            "landscape",
            1,
            0,
        )
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$1:$1"
        assert "Trang &P/&N" in ws.oddFooter.center.text
