"""The pledge and the registration summary as official documents (Nghị định 30/2020): the text
of the PDF and the DOCX holds the national header, the motto, every commitment and one
signature block per member; downloads are scoped; the command line writes the file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document

from tests.conftest import World
from tests.documents.pdftools import reader, text_of
from tests.factories_start_of_year import COMMITMENTS, make_pledge, make_registration
from thidua.accounts.models import User
from thidua.documents.registry import get_document_kind
from thidua.documents.rendering import render_docx, render_pdf
from thidua.start_of_year.services import pledges, signatures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def signed(world: World, leaders: dict[str, User]) -> World:
    make_pledge(world.cy, world.secretariat)
    pledges.add_pledge_target(
        cluster_year=world.cy,
        by=world.secretariat,
        item_number=3,
        text="100% đơn vị đăng ký Cờ thi đua xuất sắc của UBND Thành phố trở lên",
        metric="Tỷ lệ đơn vị đăng ký",
        value=100,  # type: ignore[arg-type]
        unit="%",
    )
    pledge = pledges.update_pledge_header(
        cluster_year=world.cy,
        by=world.secretariat,
        title="Giao ước thi đua năm 2023",
        doc_number="01/GƯ-CTĐ6",
        place="Hà Nội",
    )
    signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    signatures.sign_pledge(pledge=pledge, by=leaders["head"], organization=world.head)
    return world


def pledge_pdf_text(world: World) -> str:
    kind = get_document_kind("pledge")
    assert kind is not None
    return text_of(render_pdf(kind.build(cluster_year=world.cy)))


def test_pledge_pdf_has_header_motto_commitments_and_a_block_per_member(signed: World) -> None:
    text = pledge_pdf_text(signed)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "CỤM THI ĐUA SỐ 6" in text
    assert "GIAO ƯỚC THI ĐUA" in text
    assert "Số: 01/GƯ-CTĐ6" in text
    joined = text.replace("- ", "-")  # a line may break after the hyphen of "34-CT/TW"
    for number, commitment in enumerate(COMMITMENTS, start=1):
        assert f"{number}. {commitment}" in joined
    assert "100% đơn vị đăng ký Cờ thi đua xuất sắc của UBND Thành phố trở lên" in text
    # signed members: unit, position, "(Đã ký …)", name; the unsigned one: unit only
    assert "SỞ NỘI VỤ PHÓ GIÁM ĐỐC (Đã ký ngày" in text
    assert "Nguyễn Thị Liễu" in text
    assert "VĂN PHÒNG UBND THÀNH PHỐ CHÁNH VĂN PHÒNG (Đã ký ngày" in text
    assert "Đinh Quốc Hùng" in text
    assert "SỞ NGOẠI VỤ" in text
    assert text.count("(Đã ký ngày") == 2


def test_a_draft_pledge_is_printed_as_a_draft(world: World, leaders: dict[str, User]) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    assert "DỰ THẢO" in pledge_pdf_text(world)


def test_pledge_docx_has_the_same_content(signed: World) -> None:
    kind = get_document_kind("pledge")
    assert kind is not None
    document = Document(io.BytesIO(render_docx(kind.build(cluster_year=signed.cy))))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    text = " ".join(" ".join(parts).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    for commitment in COMMITMENTS:
        assert commitment in text
    for name in ("SỞ NỘI VỤ", "SỞ NGOẠI VỤ", "VĂN PHÒNG UBND THÀNH PHỐ", "Nguyễn Thị Liễu"):
        assert name in text


def test_registration_summary_is_landscape_with_one_row_per_unit(
    world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer, models=2, submit=True)
    kind = get_document_kind("registration-summary")
    assert kind is not None
    content = kind.build(cluster_year=world.cy)
    data = render_pdf(content)
    page = reader(data).pages[0]
    text = text_of(data)
    assert (content.landscape, float(page.mediabox.width) > float(page.mediabox.height)) == (
        True,
        True,
    )
    assert "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA" in text
    assert "Tập thể lao động xuất sắc" in text
    assert "1. Mô hình 1" in text and "2. Mô hình 2" in text and "1. Chuyên đề 1" in text
    for unit in ("Sở Ngoại vụ", "Sở Nội vụ", "Văn phòng UBND Thành phố"):
        assert unit in text
    assert text.count("Chưa đăng ký") == 2


@pytest.mark.parametrize("persona", ["officer", "council", "board"])
def test_pledge_download_for_people_in_scope(client: Client, signed: World, persona: str) -> None:
    client.force_login(signed.user(persona))
    response = client.get("/documents/pledge/HN-C06/2023.pdf")
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )


def test_pledge_download_is_404_outside_scope(client: Client, signed: World) -> None:
    client.force_login(signed.outsider)
    assert client.get("/documents/pledge/HN-C06/2023.docx").status_code == 404


def test_command_line_writes_the_pledge(signed: World, tmp_path: Path, capsys: Any) -> None:
    target = tmp_path / "giao-uoc.pdf"
    call_command("doc", "pledge", "--cluster", "HN-C06", "--year", "2023", "-o", str(target))
    assert "Nguyễn Thị Liễu" in text_of(target.read_bytes())


def test_pledge_document_without_pledge_is_explained_on_the_command_line(
    world: World, tmp_path: Path
) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="chưa có giao ước thi đua năm này"):
        call_command(
            "doc", "pledge", "--cluster", "HN-C06", "--year", "2023", "-o", str(tmp_path / "x.pdf")
        )
    assert list(tmp_path.iterdir()) == []


def test_pledge_document_without_pledge_redirects_with_message(
    client: Client, world: World
) -> None:
    client.force_login(world.board)
    response = client.get("/documents/pledge/HN-C06/2023.pdf", follow=True)
    assert response.redirect_chain == [("/documents/HN-C06/2023/", 302)]
    assert "chưa có giao ước thi đua năm này" in response.content.decode()


def test_the_registration_summary_lists_only_what_was_registered_without_a_status_column(
    world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer, models=1, submit=False)
    kind = get_document_kind("registration-summary")
    assert kind is not None
    text = text_of(render_pdf(kind.build(cluster_year=world.cy)))
    assert "Trạng thái" not in text and "Đang soạn" not in text
    assert text.count("Chưa đăng ký") == 3  # the draft is not a registration yet
    # protocol order: the head unit, the deputy, then the members
    head, deputy, member = (text.index(n) for n in ("Văn phòng UBND", "Sở Ngoại vụ", "Sở Nội vụ"))
    assert head < deputy < member
    assert "TM. CỤM THI ĐUA SỐ 6 CỤM TRƯỞNG" in text
