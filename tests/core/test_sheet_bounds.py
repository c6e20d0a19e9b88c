"""Oversized spreadsheets are refused before they are parsed (issue 12, item 1): a tiny XLSX
declaring millions of cells, a zip bomb, a huge CSV — by every import, in Vietnamese, with
nothing written — while a file just under the limits still imports."""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import World
from tests.factories_import import csv_bytes, db_state, row, xlsx_bytes
from tests.factories_scoring import build_criteria_set
from tests.scoring.conftest import ScoringWorld
from thidua.clusters.imports import import_units
from thidua.core.sheet_bounds import MB, SheetLimits, check_xlsx
from thidua.core.sheets import ImportFileError, read_csv, read_xlsx
from thidua.scoring import excel, selectors
from thidua.scoring.models import Criterion, ScoreEntry
from thidua.scoring.services.criteria import create_criteria_set
from thidua.scoring.services.imports import import_criteria, import_unit_sheet

pytestmark = [pytest.mark.django_db]

SHEET = "xl/worksheets/sheet1.xml"
THREE_MILLION = "A1:CV30000"  # 100 columns × 30.000 rows
SHEET_TITLE = "Tự chấm điểm"
SCORING_REFUSAL = (
    "Tệp có trang tính “{sheet}” rộng A1:CV30000 (3.000.000 ô), vượt giới hạn 200.000 ô: hãy "
    "xóa các dòng, cột thừa rồi gửi lại."
)


def rewrite(content: bytes, change: Any, extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook with its first sheet's XML passed through ``change`` (and parts added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET:
                data = change(data.decode()).encode()
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def with_dimension(content: bytes, ref: str) -> bytes:
    return rewrite(
        content, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
    )


def without_dimension(content: bytes) -> bytes:
    return rewrite(content, lambda xml: re.sub(r"<dimension [^>]*/>", "", xml))


def with_spaces(content: bytes, size: int) -> bytes:
    """A part of ``size`` spaces added, written in chunks (a zip bomb when large)."""
    buffer = io.BytesIO(content)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/spaces.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(size // MB):
            part.write(b" " * MB)
    return buffer.getvalue()


def units_file() -> bytes:
    return xlsx_bytes([row(code="HN-SXD", name="Sở Xây dựng", kind="Sở", authority="HN")])


# ------------------------------------------------------------------------- shared reader


def test_a_tiny_file_declaring_three_million_cells_is_refused_by_the_shared_reader() -> None:
    content = with_dimension(units_file(), THREE_MILLION)
    assert len(content) < 10_000
    with pytest.raises(ImportFileError) as exc:
        read_xlsx(content, "don-vi.xlsx")
    assert exc.value.message == (
        "Tệp có trang tính “Đơn vị” rộng A1:CV30000 (3.000.000 ô), vượt giới hạn 2.000.000 ô: "
        "hãy xóa các dòng, cột thừa rồi gửi lại."
    )


def test_the_whole_excel_grid_is_refused_and_nothing_is_written(world: World) -> None:
    before = db_state()
    result = import_units(
        data=with_dimension(units_file(), "A1:XFD1048576"), filename="don-vi.xlsx", user=world.board
    )
    assert [e.message for e in result.errors] == [
        "Tệp có trang tính “Đơn vị” rộng A1:XFD1048576 (17.179.869.184 ô), vượt giới hạn "
        "2.000.000 ô: hãy xóa các dòng, cột thừa rồi gửi lại."
    ]
    assert db_state() == before


def test_a_file_just_under_the_limits_still_imports(world: World) -> None:
    content = with_dimension(units_file(), "A1:CV20000")  # exactly 2.000.000 cells
    result = import_units(data=content, filename="don-vi.xlsx", user=world.board)
    assert result.errors == []
    assert result.counts.units == 1


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("A1:J50001", "kéo dài tới dòng 50.001, vượt giới hạn 50.000 dòng"),
        ("A1:GS2", "kéo dài tới cột GS (201 cột), vượt giới hạn 200 cột"),
        ("$A$1:$GS$2", "kéo dài tới cột GS (201 cột)"),
    ],
)
def test_a_declared_dimension_over_the_rows_or_columns_is_refused(ref: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=re.escape(message)):
        read_xlsx(with_dimension(units_file(), ref), "don-vi.xlsx")


def test_a_sheet_whose_dimension_lies_is_counted_while_streaming() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Dữ liệu"
    workbook.active["A1"] = "Mã đơn vị"
    workbook.active["A60000"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = with_dimension(buffer.getvalue(), "A1")
    with pytest.raises(ImportFileError, match=re.escape("“Dữ liệu” kéo dài tới dòng 60.000")):
        read_xlsx(content, "du-lieu.xlsx")


def test_a_sheet_without_a_dimension_is_counted_cell_by_cell() -> None:
    rows = [[f"v{c}" for c in range(150)] for _ in range(20)]
    content = without_dimension(xlsx_bytes(rows, headers=None, first_sheet="Rộng"))
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
    with pytest.raises(ImportFileError) as exc:
        check_xlsx(content, "rong.xlsx", SheetLimits(cells=2_000))
    assert exc.value.message.startswith("Tệp có trang tính “Rộng” chứa hơn 2.000 ô (tính đến dòng")
    with pytest.raises(ImportFileError, match="kéo dài tới cột ET"):
        check_xlsx(content, "rong.xlsx", SheetLimits(columns=149))
    check_xlsx(content, "rong.xlsx", SheetLimits(cells=3_000, columns=150))  # 3.000 cells: fits


def test_rows_and_cells_without_references_or_with_a_prefix_are_counted() -> None:
    rows = [[f"v{c}" for c in range(10)] for _ in range(30)]
    content = xlsx_bytes(rows, headers=None, first_sheet="Dữ liệu")
    no_refs = without_dimension(rewrite(content, lambda xml: re.sub(r' r="[A-Z]*\d+"', "", xml)))
    with pytest.raises(ImportFileError, match="kéo dài tới dòng 30, vượt giới hạn 29 dòng"):
        check_xlsx(no_refs, "x.xlsx", SheetLimits(rows=29))
    check_xlsx(no_refs, "x.xlsx", SheetLimits(rows=30, cells=300))

    def prefixed(xml: str) -> str:
        return re.sub(r"<(/?)([A-Za-z])", r"<\1x:\2", xml).replace('xmlns="', 'xmlns:x="', 1)

    with pytest.raises(ImportFileError, match="chứa hơn 299 ô"):
        check_xlsx(rewrite(without_dimension(content), prefixed), "x.xlsx", SheetLimits(cells=299))


def test_a_zip_bomb_is_refused_by_its_uncompressed_size() -> None:
    content = with_spaces(units_file(), 200 * MB)
    assert len(content) < 1 * MB
    with pytest.raises(ImportFileError) as exc:
        read_xlsx(content, "bom.xlsx")
    assert exc.value.message == (
        "Tệp “bom.xlsx” khi giải nén lớn hơn 50 MB (phần “xl/media/spaces.bin” đã 200 MB), vượt "
        "giới hạn của một lần nhập. Hãy xóa các trang tính, hình ảnh hoặc dữ liệu thừa, hoặc chia "
        "nhỏ tệp rồi gửi lại."
    )


def test_a_part_compressed_beyond_any_spreadsheet_is_refused() -> None:
    with pytest.raises(
        ImportFileError, match=re.escape("có phần “xl/media/spaces.bin” nén bất thường")
    ):
        read_xlsx(with_spaces(units_file(), 5 * MB), "bom.xlsx")


def test_a_damaged_sheet_or_one_with_a_dtd_is_refused_as_damaged() -> None:
    broken = rewrite(units_file(), lambda xml: xml[: len(xml) // 2])
    with_dtd = rewrite(units_file(), lambda xml: '<!DOCTYPE x [<!ENTITY a "b">]>' + xml)
    for content in (broken, with_dtd, b"PK\x03\x04 not a zip"):
        with pytest.raises(ImportFileError, match=re.escape("Không đọc được tệp Excel “x.xlsx”")):
            read_xlsx(content, "x.xlsx")
    broken_sheet = SimpleUploadedFile("x.xlsx", broken, excel.XLSX_TYPE)
    with pytest.raises(ValidationError, match="Không đọc được tệp Excel: "):
        excel.parse_criteria(broken_sheet)


def test_a_damaged_workbook_part_is_refused_as_damaged() -> None:
    for workbook_xml in (b"<workbook", b'<!DOCTYPE x [<!ENTITY a "b">]><workbook/>'):
        content = replace_part(units_file(), "xl/workbook.xml", workbook_xml)
        with pytest.raises(ImportFileError, match=re.escape("Không đọc được tệp Excel “x.xlsx”")):
            check_xlsx(content, "x.xlsx", SheetLimits())
    no_types = replace_part(units_file(), "[Content_Types].xml", None)
    with pytest.raises(ValidationError, match="Không đọc được tệp Excel: "):
        excel.parse_criteria(SimpleUploadedFile("x.xlsx", no_types, excel.XLSX_TYPE))


def test_long_text_without_tags_and_an_empty_dimension_are_read() -> None:
    text = os.urandom(MB).hex()  # 2 MB without a "<", hardly compressible
    content = rewrite(
        with_dimension(units_file(), ""),
        lambda xml: xml.replace("<sheetData>", f"<!--{text}--><sheetData>"),
    )
    check_xlsx(content, "x.xlsx", SheetLimits())
    assert read_xlsx(content, "x.xlsx")[0].rows


def replace_part(content: bytes, name: str, data: bytes | None) -> bytes:
    """The workbook with one part replaced (or left out when ``data`` is None)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info.filename))
            elif data is not None:
                target.writestr(name, data)
    return buffer.getvalue()


def test_sheets_are_found_without_the_workbook_relationships() -> None:
    content = replace_part(
        with_dimension(units_file(), THREE_MILLION), "xl/_rels/workbook.xml.rels", None
    )
    with pytest.raises(ImportFileError, match="trang tính “sheet1” rộng A1:CV30000"):
        check_xlsx(content, "x.xlsx", SheetLimits())


def test_a_csv_over_the_size_limit_is_refused_before_it_is_decoded(world: World) -> None:
    data = csv_bytes([row(code="HN-SXD", name="Sở Xây dựng", kind="Sở")]) + b" " * (50 * MB)
    before = db_state()
    result = import_units(data=data, filename="don-vi.csv", user=world.board)
    assert [e.message for e in result.errors] == [
        "Tệp “don-vi.csv” lớn 50 MB, vượt giới hạn 50 MB của một lần nhập. Hãy chia nhỏ tệp rồi "
        "gửi lại."
    ]
    assert db_state() == before


def test_a_csv_of_blank_lines_is_counted_while_reading() -> None:
    data = csv_bytes([]) + b"\n" * 50_001
    with pytest.raises(
        ImportFileError, match=re.escape("Tệp có hơn 50.000 dòng (kể cả dòng trống)")
    ):
        read_csv(data, "don-vi.csv")
    assert read_csv(csv_bytes([]) + b"\n" * 49_000, "don-vi.csv").rows  # under: read


def test_imports_of_many_rows_get_room_in_proportion() -> None:
    limits = SheetLimits.for_rows(200_000)
    assert (limits.rows, limits.cells, limits.bytes) == (400_000, 4_000_000, 100_000_000)
    assert SheetLimits.for_rows(500) == SheetLimits()


# ------------------------------------------------------------------------ scoring imports


@pytest.fixture
def sw(world: World) -> ScoringWorld:
    return ScoringWorld(w=world, cs=build_criteria_set(world.cy, world.secretariat))


def _unit_sheet(sw: ScoringWorld, ref: str) -> SimpleUploadedFile:
    content = excel.unit_sheet_xlsx(
        table=selectors.criteria_table(sw.cs), cluster_year=sw.cy, organization=sw.w.member
    )
    return SimpleUploadedFile("tu-cham.xlsx", with_dimension(content, ref), excel.XLSX_TYPE)


def _import_unit_sheet(sw: ScoringWorld, ref: str) -> Any:
    return import_unit_sheet(
        cluster_year=sw.cy, organization=sw.w.member, user=sw.w.officer, upload=_unit_sheet(sw, ref)
    )


def test_the_score_sheet_import_refuses_three_million_cells_and_writes_nothing(
    sw: ScoringWorld,
) -> None:
    with pytest.raises(ValidationError) as exc:
        _import_unit_sheet(sw, THREE_MILLION)
    assert exc.value.messages == [SCORING_REFUSAL.format(sheet=SHEET_TITLE)]
    assert not ScoreEntry.objects.filter(sheet__organization=sw.w.member).exists()


def test_a_score_sheet_just_under_the_limits_still_imports(sw: ScoringWorld) -> None:
    sheet, rows = _import_unit_sheet(sw, "A1:CV2000")  # 200.000 cells
    assert (rows, sheet.version) == (9, 2)  # the blank sheet: every criterion, none filled


def test_the_criteria_import_refuses_three_million_cells_and_writes_nothing(
    sw: ScoringWorld,
) -> None:
    content = excel.criteria_xlsx(selectors.criteria_table(sw.cs))
    draft = create_criteria_set(cluster_year=sw.w.other_cy, user=sw.w.admin, name="Nháp")
    upload = SimpleUploadedFile("tieu-chi.xlsx", with_dimension(content, THREE_MILLION))
    with pytest.raises(ValidationError) as exc:
        import_criteria(criteria_set=draft, user=sw.w.admin, upload=upload)
    assert exc.value.messages == [SCORING_REFUSAL.format(sheet="Bộ tiêu chí")]
    assert not Criterion.objects.filter(criteria_set=draft).exists()
    just_under = SimpleUploadedFile("tieu-chi.xlsx", with_dimension(content, "A1:CV2000"))
    import_criteria(criteria_set=draft, user=sw.w.admin, upload=just_under)
    assert Criterion.objects.filter(criteria_set=draft).count() == 9
