"""Reading cells and headers of import files: dates, years, headers, kinds and roles."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import World
from tests.factories_import import HEADERS, row, xlsx_bytes
from thidua.clusters.imports import COLUMNS, import_units
from thidua.clusters.imports.columns import (
    HEADER_INDEX,
    CellError,
    RowRole,
    clean_text,
    column_letter,
    normalize_header,
    parse_cluster_kind,
    parse_date,
    parse_role,
    parse_unit_kind,
    parse_year,
)
from thidua.core.vntext import fold

pytestmark = [pytest.mark.unit]

dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31))


@given(dates)
def test_dates_read_back_in_every_accepted_form(day: dt.date) -> None:
    forms = [
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%d-%m-%Y}",
        f"{day:%d.%m.%Y}",
        day.isoformat(),
        f"{day.isoformat()} 00:00:00",
    ]
    assert {parse_date(form) for form in forms} == {day}
    assert parse_date(dt.datetime.combine(day, dt.time(8, 30))) == day


@given(dates)
def test_excel_day_numbers_are_dates(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == day
    assert parse_date(float(serial)) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_clear_error(text: str) -> None:
    try:
        parse_date(text)
    except CellError as exc:
        assert "hãy ghi theo dạng dd/mm/yyyy" in str(exc)


@pytest.mark.parametrize("text", ["31/02/2025", "2025/07/01", "1/7/25", "mùng 1 tháng 7"])
def test_impossible_or_ambiguous_dates_are_refused(text: str) -> None:
    with pytest.raises(CellError, match="không hợp lệ"):
        parse_date(text)


def test_blank_date_and_year_are_none() -> None:
    assert (parse_date(""), parse_date(None), parse_year(" "), parse_year(None)) == (
        None,
        None,
        None,
        None,
    )


@given(st.integers(min_value=1000, max_value=9999))
def test_years_are_read_from_text_numbers_and_floats(year: int) -> None:
    assert parse_year(str(year)) == parse_year(year) == parse_year(float(year)) == year


def _mangle(text: str, case: str, accents: bool, spaces: int, suffix: str) -> str:
    if not accents:
        text = fold(text)
    text = {"upper": text.upper(), "lower": text.lower(), "keep": text}[case]
    return " " * spaces + text.replace(" ", " " * (spaces + 1)) + suffix


@given(
    st.sampled_from(COLUMNS),
    st.sampled_from(["upper", "lower", "keep"]),
    st.booleans(),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(["", " *", " (bắt buộc)", ":"]),
)
def test_headers_match_without_case_accents_spacing_or_notes(
    column: object, case: str, accents: bool, spaces: int, suffix: str
) -> None:
    header = column.header  # type: ignore[attr-defined]
    mangled = _mangle(header, case, accents, spaces, suffix)
    assert HEADER_INDEX[normalize_header(mangled)] == column.key  # type: ignore[attr-defined]


def test_headers_typed_on_a_mac_arrive_decomposed_and_still_match() -> None:
    decomposed = unicodedata.normalize("NFD", "Vai trò trong cụm")
    assert HEADER_INDEX[normalize_header(decomposed)] == "role"
    assert clean_text(unicodedata.normalize("NFD", "Sở Nội vụ")) == "Sở Nội vụ"


def test_every_header_of_the_format_is_known() -> None:
    assert [HEADER_INDEX[normalize_header(h)] for h in HEADERS] == [c.key for c in COLUMNS]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sở, ban, ngành", "department"),
        ("Sở ban ngành", "department"),
        ("sở", "department"),
        ("department", "department"),
        ("Phường", "commune"),
        ("Quận, huyện, thị xã", "district"),
        ("UBND tỉnh, thành phố", "province"),
        ("Doanh nghiệp", "enterprise"),
        ("KHAC", "other"),
    ],
)
def test_unit_kinds_accept_labels_codes_and_parts(text: str, kind: str) -> None:
    assert parse_unit_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"), [("Cụm", "cluster"), ("khối", "bloc"), ("Khối thi đua", "bloc")]
)
def test_cluster_kinds(text: str, kind: str) -> None:
    assert parse_cluster_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "role", "kind"),
    [
        ("", RowRole.MEMBER, ""),
        ("Thành viên", RowRole.MEMBER, ""),
        ("Cụm trưởng", RowRole.HEAD, "cluster"),
        ("KHỐI TRƯỞNG", RowRole.HEAD, "bloc"),
        ("Trưởng", RowRole.HEAD, ""),
        ("Cụm phó", RowRole.DEPUTY, "cluster"),
        ("khoi pho", RowRole.DEPUTY, "bloc"),
        ("Phó", RowRole.DEPUTY, ""),
    ],
)
def test_roles(text: str, role: RowRole, kind: str) -> None:
    assert parse_role(text) == (role, kind)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


@pytest.mark.django_db
def test_error_rows_are_the_spreadsheet_rows_below_a_title_block(world: World) -> None:
    data = xlsx_bytes(
        [
            row(code="HN-SXD", name="Sở Xây dựng", kind="Sở", authority="HN"),
            [None] * len(HEADERS),  # a blank row is skipped but still counts
            row(code="HN-X", name="Sở X", kind="Sở", start="32/01/2025"),
        ],
        title_rows=[["UBND THÀNH PHỐ HÀ NỘI"], ["DANH SÁCH ĐƠN VỊ"], ["(kèm theo Công văn số 12)"]],
    )

    result = import_units(data=data, filename="x.xlsx", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [(7, "Hoạt động từ")]
