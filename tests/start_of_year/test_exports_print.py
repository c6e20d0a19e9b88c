"""The follow-up list and the board roll-up print as an office expects (A4 landscape, one page
wide, header row repeated, page numbers, a merged title block), with the year and counts as
numbers and the deadlines as dates; a unit named like a formula stays text in XLSX and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import World
from thidua.clusters.deadlines import set_deadline
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
INJECTION = '=HYPERLINK("http://x","y")'
BASE = "/start-of-year/HN-C06/2023/"


@pytest.fixture
def late_world(world: World) -> World:
    """The registration deadline passed and no unit registered: every member is late."""
    set_deadline(
        cluster_year=world.cy, step="registration", due_at=timezone.now() - dt.timedelta(days=1)
    )
    return world


def _sheet(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content)).active


def _assert_prints(ws: Any) -> None:
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        9,
        "landscape",
        1,
        0,
    )
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$5:$5"
    assert "Trang &P/&N" in ws.oddFooter.center.text


def test_the_follow_up_list_prints_with_its_title_and_typed_cells(
    client: Client,
    late_world: World,
) -> None:
    client.force_login(late_world.secretariat)
    ws = _sheet(client.get(BASE + "follow-up.xlsx").content)
    _assert_prints(ws)
    assert {"A1:G1", "A2:G2", "A3:G3"} <= {str(r) for r in ws.merged_cells.ranges}
    assert [ws["A1"].value, ws["A2"].value] == [
        "CỤM THI ĐUA SỐ 6",
        "DANH SÁCH ĐƠN VỊ CHẬM TIẾN ĐỘ",
    ]
    assert ws["A3"].value.startswith("Năm 2023, số liệu đến ")
    year, due = ws["B6"], ws["F6"]
    assert (year.value, year.data_type, year.number_format) == (2023, "n", "0")
    assert (due.is_date, due.number_format) == (True, "dd/mm/yyyy hh:mm")
    assert [ws.column_dimensions[c].width for c in "ABCDEFG"] == [24, 7, 30, 20, 44, 17, 17]
    assert ws["C6"].font.name == "Times New Roman"
    assert ws["C6"].border.left.style == "thin"


def test_the_rollup_prints_with_counts_as_numbers(client: Client, world: World) -> None:
    client.force_login(world.board)
    ws = _sheet(client.get("/start-of-year/rollup.xlsx", {"year": 2023}).content)
    _assert_prints(ws)
    assert ws["A2"].value == "TỔNG HỢP ĐĂNG KÝ THI ĐUA VÀ GIAO ƯỚC"
    assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
    models = ws["E6"]
    assert (models.value, models.data_type, models.number_format) == (0, "n", "#,##0")
    assert [ws.column_dimensions[c].width for c in "AI"] == [22, 11]


def _text_cells(ws: Any) -> set[tuple[str, bool]]:
    return {
        (c.data_type, c.quotePrefix) for row in ws.iter_rows() for c in row if c.value == INJECTION
    }


@pytest.mark.parametrize("url", [BASE + "follow-up.xlsx", "/start-of-year/rollup.xlsx?year=2023"])
def test_a_unit_named_like_a_formula_stays_text_in_xlsx(
    client: Client,
    late_world: World,
    url: str,
) -> None:
    Organization.objects.filter(pk=late_world.deputy.pk).update(name=INJECTION)
    client.force_login(late_world.board)
    assert _text_cells(_sheet(client.get(url).content)) == {("s", True)}


def test_a_unit_named_like_a_formula_is_quoted_in_csv(
    client: Client,
    late_world: World,
) -> None:
    Organization.objects.filter(pk=late_world.deputy.pk).update(name=INJECTION)
    client.force_login(late_world.board)
    text = client.get(BASE + "follow-up.csv").content.decode("utf-8-sig")
    names = [row[2] for row in csv.reader(io.StringIO(text))][1:]
    assert "'" + INJECTION in names
    assert INJECTION not in names
