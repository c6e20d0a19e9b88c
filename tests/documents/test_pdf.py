"""The member list and a test document as PDF: text, page size, font, page numbers (ND30)."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.documents.conftest import DAY, EXTRA_MEMBERS, content_of
from tests.documents.pdftools import embedded_fonts, reader, text_of, top_margin_texts
from tests.factories import ClusterMembershipFactory
from thidua.documents.member_list import MEMBER_LIST
from thidua.documents.rendering import render_pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def member_list_pdf(world: World) -> bytes:
    return render_pdf(MEMBER_LIST.build(cluster_year=world.cy, date=DAY))


def test_member_list_pdf_has_the_national_header_issuer_members_and_signature(
    signed_world: World,
) -> None:
    text = text_of(member_list_pdf(signed_world))

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG THÀNH PHỐ HÀ NỘI" in text
    assert "CỤM THI ĐUA SỐ 6" in text
    assert "Hà Nội, ngày 07 tháng 02 năm 2020" in text
    assert "DANH SÁCH" in text
    for name in ["Văn phòng UBND Thành phố", "Sở Ngoại vụ", "Sở Nội vụ", *EXTRA_MEMBERS]:
        assert name in text
    assert "TM. CỤM THI ĐUA SỐ 6" in text
    assert "CỤM TRƯỞNG" in text
    assert "Phạm Văn Minh" in text
    assert "Nơi nhận:" in text


def test_member_list_pdf_is_a4_portrait_with_the_shipped_font_embedded(world: World) -> None:
    data = member_list_pdf(world)

    box = reader(data).pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 1
    assert abs(float(box.height) - 841.89) < 1
    assert embedded_fonts(data) == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(world: World) -> None:
    for index in range(45):
        ClusterMembershipFactory(
            cluster_year=world.cy, organization__name=f"Trạm Y tế phường Hòa Bình {index:02d}"
        )
    data = member_list_pdf(world)

    assert len(reader(data).pages) >= 2
    assert top_margin_texts(data, 0) == []
    second = top_margin_texts(data, 1)
    assert [text for text, _x in second] == ["2"]
    centre_of_text_area = (30 + (210 - 30 - 15) / 2) / 25.4 * 72
    assert abs(second[0][1] - centre_of_text_area) < 10


def test_landscape_documents_are_a4_turned(test_templates: object) -> None:
    content = content_of("documents_test/plain.html", signers=[])
    wide = type(content)(**{**content.__dict__, "landscape": True})

    box = reader(render_pdf(wide)).pages[0].mediabox

    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_the_test_document_prints_its_whole_vocabulary(test_templates: object) -> None:
    content = content_of(
        "documents_test/plain.html",
        signers=[
            {"prefix": "TM. UBND HUYỆN SÓC SƠN", "title": "CHỦ TỊCH", "name": "Phạm Văn Minh"},
            {"prefix": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Thị Hường"},
        ],
        page_break=True,
    )

    data = render_pdf(content)
    text = text_of(data)

    assert "Số: 01/GƯ-CTĐ10" in text
    assert "Sóc Sơn, ngày 07 tháng 02 năm 2020" in text
    assert "GIAO ƯỚC THI ĐUA" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Phạm Văn Minh" in text
    assert "Lê Thị Hường" in text
    assert len(reader(data).pages) == 2
