"""The same documents as DOCX: page set-up, header, fonts, content, and the strict vocabulary."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.conftest import World
from tests.documents.conftest import DAY, EXTRA_MEMBERS, content_of
from thidua.documents.member_list import MEMBER_LIST
from thidua.documents.rendering import UnsupportedMarkup, render_docx

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"


def open_docx(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]

    def cells(table: Any) -> None:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    for table in document.tables:
        cells(table)
    return "\n".join(parts)


def mm(length: Any) -> float:
    return length / Mm(1)


def header_paragraphs(document: Any) -> list[Any]:
    header_table = document.tables[0]  # names and title; then the number level with the date
    return [p for row in header_table.rows for cell in row.cells for p in cell.paragraphs]


def test_member_list_docx_page_is_a4_with_nd30_margins(signed_world: World) -> None:
    document = open_docx(render_docx(MEMBER_LIST.build(cluster_year=signed_world.cy, date=DAY)))
    section = document.sections[0]

    assert (round(mm(section.page_width), 1), round(mm(section.page_height), 1)) == (210, 297)
    for margin, expected in [
        (section.top_margin, 20),
        (section.bottom_margin, 20),
        (section.left_margin, 30),
        (section.right_margin, 15),
    ]:
        assert abs(mm(margin) - expected) <= 0.5


def test_page_number_field_is_in_the_header_of_pages_after_the_first(world: World) -> None:
    document = open_docx(render_docx(MEMBER_LIST.build(cluster_year=world.cy, date=DAY)))
    section = document.sections[0]

    assert section.different_first_page_header_footer is True
    instructions = [i.text.strip() for i in section.header._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert section.header.paragraphs[0].alignment == 1  # centred
    first = section.first_page_header
    assert first.is_linked_to_previous is False
    assert list(first._element.iter(qn("w:instrText"))) == []
    assert "".join(p.text for p in first.paragraphs) == ""


def test_national_title_is_bold_and_the_motto_has_a_drawn_line(world: World) -> None:
    document = open_docx(render_docx(MEMBER_LIST.build(cluster_year=world.cy, date=DAY)))
    paragraphs = {p.text: p for p in header_paragraphs(document)}

    national = paragraphs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert all(run.bold for run in national.runs)
    assert {run.font.size.pt for run in national.runs} == {13}
    motto = paragraphs["Độc lập - Tự do - Hạnh phúc"]
    assert all(run.bold for run in motto.runs if run.text)
    assert not any(run.underline for run in motto.runs)
    # N-5: a drawn line shape, as long as the motto (about 60 mm of 14 pt bold)
    shapes = list(motto._p.iter(f"{{{WPS}}}wsp"))
    assert len(shapes) == 1
    geometry = shapes[0].find(f".//{{{DRAWING}}}prstGeom")
    assert geometry.get("prst") == "line"
    extent = motto._p.find(f".//{{{WP}}}extent")
    assert 59 < int(extent.get("cx")) / Mm(1) < 62
    assert int(extent.get("cy")) == 0
    date = paragraphs["Hà Nội, ngày 07 tháng 02 năm 2020"]
    assert all(run.italic for run in date.runs)
    issuer = paragraphs["CỤM THI ĐUA SỐ 6"]
    assert all(run.bold for run in issuer.runs)


def test_member_list_docx_lists_every_member_and_the_signer(signed_world: World) -> None:
    document = open_docx(render_docx(MEMBER_LIST.build(cluster_year=signed_world.cy, date=DAY)))
    text = all_text(document)

    for name in ["Văn phòng UBND Thành phố", "Sở Ngoại vụ", "Sở Nội vụ", *EXTRA_MEMBERS]:
        assert name in text
    assert "DANH SÁCH" in text
    assert "TM. CỤM THI ĐUA SỐ 6" in text
    assert "Phạm Văn Minh" in text
    assert "Nơi nhận:" in text
    assert "- Lưu: VT, Văn phòng UBND Thành phố." in text


def test_default_font_is_times_new_roman_14_for_body_and_13_in_tables(world: World) -> None:
    document = open_docx(render_docx(MEMBER_LIST.build(cluster_year=world.cy, date=DAY)))
    normal = document.styles["Normal"]

    assert normal.font.name == "Times New Roman"
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(k)) for k in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {
        "Times New Roman"
    }
    assert normal.font.size.pt == 14
    grid = document.tables[1]
    assert grid.style.name == "Table Grid"
    sizes = {
        r.font.size.pt for row in grid.rows for c in row.cells for p in c.paragraphs for r in p.runs
    }
    assert sizes == {13}


def test_test_document_converts_lists_tables_signatures_and_breaks(test_templates: object) -> None:
    content = content_of(
        "documents_test/plain.html",
        signers=[
            {"prefix": "TM. UBND HUYỆN SÓC SƠN", "title": "CHỦ TỊCH", "name": "Phạm Văn Minh"},
            {"prefix": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Thị Hường"},
            {"prefix": "TL. CHỦ TỊCH", "title": "CHÁNH VĂN PHÒNG", "name": "Đỗ Văn Đức"},
        ],
        page_break=True,
    )
    document = open_docx(render_docx(content))
    texts = [p.text for p in document.paragraphs]

    assert "1. Hoàn thành chỉ tiêu;" in texts
    assert "- Dòng một\ndòng hai" in texts
    basis = next(p for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert all(run.italic for run in basis.runs)
    body = next(p for p in document.paragraphs if p.text.startswith("Các đơn vị"))
    assert body.paragraph_format.alignment == 3  # justified
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert [r.text for r in body.runs if r.bold] == ["thống nhất"]
    assert [r.text for r in body.runs if r.underline] == ["sau"]
    grid = document.tables[1]
    assert [c.text for c in grid.rows[2].cells] == ["Tổng cộng", "Tổng cộng", "10,5"]
    assert grid.rows[1].cells[2].paragraphs[0].alignment == 2  # class num: right
    assert any(br.get(qn("w:type")) == "page" for br in document.element.body.iter(qn("w:br")))
    signatures = document.tables[2]
    assert len(signatures.rows) == 2  # three signatures, two per row
    assert "Đỗ Văn Đức" in signatures.rows[1].cells[0].text
    assert signatures.rows[1].cells[0]._tc is signatures.rows[1].cells[1]._tc  # merged, centred


def test_single_signature_sits_right_of_the_recipients(test_templates: object) -> None:
    content = content_of(
        "documents_test/plain.html",
        signers=[
            {"prefix": "TM. UBND HUYỆN SÓC SƠN", "title": "CHỦ TỊCH", "name": "Phạm Văn Minh"}
        ],
    )
    document = open_docx(render_docx(content))
    closing = document.tables[-1]

    left, right = closing.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert right.paragraphs[-1].text == "Phạm Văn Minh"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("documents_test/bad_tag.html", "<a> inside a paragraph"),
        ("documents_test/bad_class.html", '<p class="centre"> is not in the vocabulary'),
        ("documents_test/bad_block.html", "<section> is not in the vocabulary"),
    ],
)
def test_markup_outside_the_vocabulary_is_an_error(
    test_templates: object, template: str, message: str
) -> None:
    with pytest.raises(UnsupportedMarkup) as error:
        render_docx(content_of(template))
    assert str(error.value).startswith(message)
