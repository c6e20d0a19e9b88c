"""Header lines (break before the place, same in PDF and DOCX), Word tables sized by their
longest word with a fixed layout, signature rows kept together, and the PDF font choice."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from fontTools.ttLib import TTFont

from tests.conftest import World
from tests.documents.conftest import DAY, content_of
from tests.documents.pdftools import embedded_fonts, reader
from thidua.documents import fonts, header
from thidua.documents.checks import font_folder
from thidua.documents.fonts import document_font
from thidua.documents.member_list import MEMBER_LIST
from thidua.documents.rendering import render_docx, render_pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
NBSP = "\u00a0"
COUNCIL = "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội"


def header_lines_docx(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    left = document.tables[0].rows[0].cells[0]
    return [line for p in left.paragraphs for line in p.text.split("\n") if line.strip()]


def header_lines_pdf(data: bytes) -> list[str]:
    return [line.strip() for line in reader(data).pages[0].extract_text().splitlines()]


# ---------------------------------------------------------------- the default rule


def test_a_long_name_breaks_before_its_place_and_keeps_the_place_together() -> None:
    width = int(Mm(100))
    assert header.lines_of(COUNCIL, width=width, bold=False) == [
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        f"THÀNH{NBSP}PHỐ{NBSP}HÀ{NBSP}NỘI",
    ]
    narrow = int(Mm(60))  # the head itself does not fit: it breaks after its dash
    assert header.lines_of(COUNCIL, width=narrow, bold=False) == [
        "HỘI ĐỒNG THI ĐUA -",
        "KHEN THƯỞNG",
        f"THÀNH{NBSP}PHỐ{NBSP}HÀ{NBSP}NỘI",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("UBND huyện Sóc Sơn", [f"UBND HUYỆN{NBSP}SÓC{NBSP}SƠN"]),
        ("Cụm thi đua số 6", ["CỤM THI ĐUA SỐ 6"]),
        ("Tỉnh Bắc Ninh", [f"TỈNH{NBSP}BẮC{NBSP}NINH"]),
        ("", []),
    ],
)
def test_short_names_stay_on_one_line(name: str, expected: list[str]) -> None:
    assert header.lines_of(name, width=int(Mm(67)), bold=True) == expected


def test_social_insurance_is_not_a_commune() -> None:
    lines = header.lines_of(
        "Bảo hiểm xã hội thành phố Hà Nội và các quận huyện", width=int(Mm(67)), bold=True
    )
    assert lines[0].startswith("BẢO HIỂM XÃ HỘI")


def test_the_template_gives_the_break_with_a_list_or_a_newline() -> None:
    width = int(Mm(67))
    given = ["Ủy ban nhân dân", "thành phố Hà Nội"]
    assert header.lines_of(given, width=width, bold=True) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert header.lines_of("Sở Nội vụ\nHà Nội", width=width, bold=True) == ["SỞ NỘI VỤ", "HÀ NỘI"]


def test_the_rule_under_the_issuer_fits_its_last_line() -> None:
    long_then_short = ["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "SỞ"]
    assert header.rule_width(long_then_short) == int(header.measure("SỞ", size=13, bold=True))
    one = ["CỤM THI ĐUA SỐ 6"]
    assert header.rule_width(one) == int(int(header.measure(one[0], size=13, bold=True)) * 0.4)
    assert header.rule_width([]) == 0


def test_the_left_column_is_45_percent_unless_the_national_title_needs_the_room() -> None:
    landscape = header.left_share(header.text_width(landscape=True))
    portrait = header.left_share(header.text_width(landscape=False))
    assert landscape == pytest.approx(0.45)
    assert 0.40 < portrait < 0.42  # 165 mm − the national title (≈ 96 mm) − 2 mm


# ---------------------------------------------------------------- both outputs alike


def test_pdf_and_docx_break_the_header_at_the_same_places(
    world: World, test_templates: Path
) -> None:
    content = content_of("documents_test/plain.html")
    content.context["doc"] |= {"issuer_parent": COUNCIL, "issuer": "Cụm thi đua số 6"}
    expected = [
        "HỘI ĐỒNG THI ĐUA -",
        "KHEN THƯỞNG",
        "THÀNH PHỐ HÀ NỘI",
        "CỤM THI ĐUA SỐ 6",
    ]
    docx_lines = [" ".join(line.split()) for line in header_lines_docx(render_docx(content))]
    assert docx_lines[:4] == expected
    pdf_lines = [" ".join(line.split()) for line in header_lines_pdf(render_pdf(content))]
    for line in expected:
        assert line in pdf_lines


def test_docx_header_columns_match_the_pdf_share(world: World, test_templates: Path) -> None:
    document = Document(io.BytesIO(render_docx(content_of("documents_test/plain.html"))))
    grid = document.tables[0]._tbl.tblGrid.gridCol_lst
    left, right = (int(col.w) for col in grid)
    assert left / (left + right) == pytest.approx(
        header.left_share(header.text_width(landscape=False)), abs=0.001
    )


# ---------------------------------------------------------------- Word tables


def test_data_tables_have_a_fixed_layout_sized_by_their_longest_word(world: World) -> None:
    document = Document(io.BytesIO(render_docx(MEMBER_LIST.build(cluster_year=world.cy, date=DAY))))
    table = next(t for t in document.tables if t.style is not None and t.style.name == "Table Grid")
    tbl = table._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [int(col.w) for col in tbl.tblGrid.gridCol_lst]
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(grid) - text_width) < Mm(0.1)
    for tr in tbl.tr_lst:
        assert all(tc.tcPr.find(qn("w:tcW")) is not None for tc in tr.tc_lst)
        assert tr.trPr.find(qn("w:cantSplit")) is not None
    assert tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    # "TT" (bold 13 pt) fits in its column with the cell margins
    tt = int(header.measure("TT", size=13, bold=True))
    assert grid[0] >= tt + 2 * int(Mm(1.9))


def test_landscape_tables_fill_the_landscape_width(world: World, test_templates: Path) -> None:
    content = content_of("documents_test/plain.html")
    wide = type(content)(**{**content.__dict__, "landscape": True})
    document = Document(io.BytesIO(render_docx(wide)))
    for table in document.tables:
        total = sum(int(col.w) for col in table._tbl.tblGrid.gridCol_lst)
        assert abs(total - Mm(252)) < Mm(0.1)


def test_column_widths_give_numbers_their_room_and_the_rest_to_text() -> None:
    import lxml.html

    from thidua.documents.docx_table import PADDING, column_widths

    row = lxml.html.fragment_fromstring(
        "<tr><td>1</td><td>" + "Trung tâm Xúc tiến đầu tư, thương mại, du lịch " * 2
        + "</td><td>105,44</td></tr>"
    )  # fmt: skip
    grid = [[(cell, 1) for cell in row]]
    widths = column_widths(grid, 3, int(Mm(165)), size=13)
    assert sum(widths) == int(Mm(165))
    assert widths[2] >= int(header.measure("105,44", size=13)) + PADDING
    assert widths[1] > widths[2] > widths[0]
    tight = column_widths(grid, 3, int(Mm(20)), size=13)  # cannot fit: scaled down alike
    assert sum(tight) == int(Mm(20))


def test_signature_rows_are_spaced_and_kept_with_the_body(
    world: World, test_templates: Path
) -> None:
    from tests.documents.test_docx import open_docx

    signers = [
        {"prefix": "TM. UBND HUYỆN SÓC SƠN", "title": "CHỦ TỊCH", "name": "Phạm Văn Minh"},
        {"prefix": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Thị Hường"},
        {"prefix": "TL. CHỦ TỊCH", "title": "CHÁNH VĂN PHÒNG", "name": "Đỗ Văn Đức"},
    ]
    content = content_of("documents_test/plain.html", signers=signers, paragraphs=["Đoạn cuối."])
    document = open_docx(render_docx(content))
    body = document.element.body
    tables = body.findall(qn("w:tbl"))
    signatures = tables[-1]
    rows = signatures.findall(qn("w:tr"))
    for tr in rows[:-1]:
        for p in tr.iter(qn("w:p")):
            assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert len(rows) == 2
    if rows:
        first = rows[1].find(qn("w:tc")).find(qn("w:p"))
        assert int(first.find(f"{qn('w:pPr')}/{qn('w:spacing')}").get(qn("w:before"))) >= 240
    before = signatures.getprevious()
    while before is not None and not "".join(before.itertext()).strip():
        assert before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
        before = before.getprevious()
    assert before is not None


# ---------------------------------------------------------------- the PDF font


def fake_times(
    folder: Path, styles: tuple[str, ...] = ("Regular", "Bold", "Italic", "BoldItalic")
) -> None:
    """Liberation Serif renamed "Times New Roman" (same metrics; stands in for the real one)."""
    for style in styles:
        font = TTFont(fonts.SHIPPED_DIR / f"LiberationSerif-{style}.ttf")
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = "Times New Roman"
            if record.nameID == 6:
                record.string = f"TimesNewRomanPS-{style}MT"
        font.save(folder / f"times-{style.lower()}.ttf")


def test_pdfs_use_times_new_roman_from_the_font_folder(
    world: World, settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake_times(tmp_path)
    (tmp_path / "notes.txt").write_text("not a font")
    (tmp_path / "broken.ttf").write_bytes(b"not a font either")
    settings.DOCUMENT_FONT_DIR = str(tmp_path)
    with caplog.at_level(logging.INFO, logger="thidua.documents.fonts"):
        pdf = render_pdf(MEMBER_LIST.build(cluster_year=world.cy, date=DAY))
    assert {name.split(",")[0] for name in embedded_fonts(pdf)} == {"Times-New-Roman"}
    assert f"Times New Roman (THIDUA_DOCUMENT_FONT_DIR={tmp_path})" in caplog.text
    assert font_folder(None) == []
    assert "Times New Roman" in document_font().description


def test_an_incomplete_font_folder_falls_back_and_warns(
    world: World, settings: Any, tmp_path: Path
) -> None:
    fake_times(tmp_path, styles=("Regular", "Bold"))
    settings.DOCUMENT_FONT_DIR = str(tmp_path)
    assert fonts.document_font() == fonts.SHIPPED
    pdf = render_pdf(MEMBER_LIST.build(cluster_year=world.cy, date=DAY))
    assert "Liberation-Serif" in embedded_fonts(pdf)
    (warning,) = font_folder(None)
    assert warning.id == "documents.W001" and "italic, bolditalic" in warning.msg


def test_without_a_folder_or_system_font_the_shipped_font_is_used(settings: Any) -> None:
    settings.DOCUMENT_FONT_DIR = ""
    settings.DOCUMENT_FONT_SYSTEM = True  # this machine's fontconfig has no Times New Roman
    font = fonts.document_font()
    assert font.family in {"Liberation Serif", "Times New Roman"}
    assert set(font.files) == set(fonts.STYLES)
    assert font_folder(None) == []
