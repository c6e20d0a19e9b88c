"""Signature blocks (documents.signatures, N-11): the capacity lines of Nghị định 30/2020, the
signing space or "(Đã ký)", blank name lines for unknown signers, level name lines in a row."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.documents.conftest import DAY
from tests.documents.pdftools import text_of
from tests.documents.test_docx import all_text, open_docx
from tests.factories import OrganizationLeaderFactory
from thidua.documents.generate import render_kind
from thidua.documents.member_list import MEMBER_LIST
from thidua.documents.rendering import render_docx, render_html, render_pdf
from thidua.documents.signatures import (
    Prefix,
    Signature,
    SigningMode,
    cluster_head_signature,
    compose_post,
    place_of,
    printed,
    strip_unit,
    unit_signature,
)
from thidua.organizations.enums import OrganizationKind


def unit(name: str, kind: str = OrganizationKind.DEPARTMENT) -> Any:
    return SimpleNamespace(name=name, kind=kind)


@pytest.mark.parametrize(
    ("position", "unit_name", "expected"),
    [
        ("Chủ tịch UBND huyện", "Huyện Sóc Sơn", "CHỦ TỊCH UBND HUYỆN SÓC SƠN"),
        ("Giám đốc", "Sở Nội vụ", "GIÁM ĐỐC SỞ NỘI VỤ"),
        ("Chánh Văn phòng", "Văn phòng UBND Thành phố", "CHÁNH VĂN PHÒNG UBND THÀNH PHỐ"),
        ("Giám đốc Sở Tư pháp", "Sở Tư pháp", "GIÁM ĐỐC SỞ TƯ PHÁP"),
        ("", "Sở Tư pháp", "SỞ TƯ PHÁP"),
    ],
    ids=["district-kind-not-twice", "plain", "office-overlap", "already-named", "no-position"],
)
def test_the_post_names_the_unit_once(position: str, unit_name: str, expected: str) -> None:
    assert compose_post(position, unit_name) == expected


def test_titles_and_places_are_cut_from_names() -> None:
    assert strip_unit("Giám đốc Sở Nội vụ", "Sở Nội vụ") == "GIÁM ĐỐC"
    assert strip_unit("Giám đốc", "Sở Nội vụ") == "GIÁM ĐỐC"
    assert place_of("UBND huyện Sóc Sơn") == "HUYỆN SÓC SƠN"
    assert place_of("Ủy ban nhân dân xã Đức Hòa") == "XÃ ĐỨC HÒA"
    assert place_of("Huyện Gia Lâm") == "HUYỆN GIA LÂM"


def test_a_peoples_committee_signs_on_behalf_of_the_committee() -> None:
    chair = unit_signature(unit("Huyện Sóc Sơn", OrganizationKind.DISTRICT), name="Phạm Văn Minh")
    assert chair.lines == ["TM. ỦY BAN NHÂN DÂN", "HUYỆN SÓC SƠN", "CHỦ TỊCH"]
    vice = unit_signature(
        unit("Xã Đức Hòa", OrganizationKind.COMMUNE), position="Phó Chủ tịch UBND xã"
    )
    assert vice.lines == [
        "TM. ỦY BAN NHÂN DÂN",
        "XÃ ĐỨC HÒA",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert vice.name == ""  # not known: the name line stays blank


def test_other_units_print_their_name_then_the_title() -> None:
    assert unit_signature(unit("Sở Nội vụ"), position="Giám đốc Sở Nội vụ").lines == [
        "SỞ NỘI VỤ",
        "GIÁM ĐỐC",
    ]
    assert unit_signature(unit("Sở Tư pháp")).lines == ["SỞ TƯ PHÁP", "THỦ TRƯỞNG ĐƠN VỊ"]


@pytest.mark.parametrize(
    ("signature", "lines"),
    [
        (
            Signature(prefix=Prefix.KT, body="Giám đốc", title="Phó Giám đốc"),
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        ),
        (
            Signature(prefix=Prefix.TL, body="Chủ tịch", title="Chánh Văn phòng"),
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        (
            Signature(prefix=Prefix.TUQ, body="Chủ tịch", title="Giám đốc Sở Nội vụ"),
            ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"],
        ),
        (Signature(prefix=Prefix.Q, title="Giám đốc"), ["Q. GIÁM ĐỐC"]),
        (Signature(title="Thư ký"), ["THƯ KÝ"]),
    ],
    ids=["KT", "TL", "TUQ", "Q", "none"],
)
def test_every_prefix_of_the_decree(signature: Signature, lines: list[str]) -> None:
    assert signature.lines == lines


def test_an_unknown_prefix_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown signing prefix"):
        Signature(prefix="T/M", title="CHỦ TỊCH")


def test_name_lines_of_a_row_are_level_even_when_a_title_wraps() -> None:
    short = Signature(title="Thư ký", name="Nguyễn Văn A")
    long = Signature(
        prefix=Prefix.TM,
        body="Cụm thi đua số 6",
        title="Cụm trưởng",
        post="Chánh Văn phòng Ủy ban nhân dân Thành phố Hà Nội",
        name="Phạm Văn Minh",
    )
    third = Signature(title="Chủ trì hội nghị")
    left, right, alone = printed([short, long, third])
    # The long post wraps in a half-page cell: the short block takes the extra lines as padding.
    assert len(left.lines) + len(left.padding) > len(right.lines)
    assert alone.padding == []  # the odd block stands alone in its row


def test_a_copy_says_signed_and_the_original_leaves_room() -> None:
    sig = Signature(title="Thư ký", name="Nguyễn Văn A")
    assert printed([sig], SigningMode.COPY)[0].note == "(Đã ký)"
    assert printed([sig])[0].note == ""
    noted = Signature(title="Thư ký", note="(Đã ký trên giấy ngày 07/02/2020)")
    assert printed([noted], SigningMode.COPY)[0].note == "(Đã ký trên giấy ngày 07/02/2020)"


def test_the_cluster_head_signs_with_the_stacked_form(signed_world: World) -> None:
    cy = signed_world.cy
    leader = OrganizationLeaderFactory.build(
        organization=signed_world.head, full_name="Phạm Văn Minh", position="Chánh Văn phòng"
    )
    sig = cluster_head_signature(cy, leader)
    assert sig.lines == [
        f"TM. {cy.cluster.name.upper()}",
        cy.head_label.upper(),
        "CHÁNH VĂN PHÒNG UBND THÀNH PHỐ",
    ]
    assert "—" not in " ".join(sig.lines)
    assert cluster_head_signature(cy).name == ""


@pytest.mark.django_db
def test_original_and_copy_in_pdf_and_docx(signed_world: World) -> None:
    content = MEMBER_LIST.build(cluster_year=signed_world.cy, date=DAY)
    html = render_html(content)
    assert 'class="sig-name">Phạm Văn Minh' in html
    assert "(Đã ký)" not in html
    kind = MEMBER_LIST
    copy_pdf = render_kind(kind, cluster_year=signed_world.cy, fmt="pdf", mode=SigningMode.COPY)
    assert "(Đã ký) Phạm Văn Minh" in text_of(copy_pdf.data)
    copy_docx = render_kind(kind, cluster_year=signed_world.cy, fmt="docx", mode="copy")
    assert "(Đã ký)" in all_text(open_docx(copy_docx.data))
    original = text_of(render_pdf(content))
    assert "TM. CỤM THI ĐUA SỐ 6 CỤM TRƯỞNG CHÁNH VĂN PHÒNG UBND THÀNH PHỐ Phạm Văn Minh" in (
        original
    )
    docx_text = all_text(open_docx(render_docx(content)))
    assert "TM. CỤM THI ĐUA SỐ 6\nCỤM TRƯỞNG\nCHÁNH VĂN PHÒNG UBND THÀNH PHỐ" in docx_text
    with pytest.raises(ValueError, match="signing mode"):
        render_kind(kind, cluster_year=signed_world.cy, fmt="pdf", mode="draft")


@pytest.mark.django_db
def test_the_download_takes_the_copy_mode_and_refuses_an_unknown_one(
    client: Client, signed_world: World
) -> None:
    client.force_login(signed_world.secretariat)
    url = reverse(
        "documents:download",
        kwargs={
            "slug": "member-list",
            "code": signed_world.cy.cluster.code,
            "year": signed_world.cy.year,
            "fmt": "pdf",
        },
    )
    response = client.get(url, {"ban": "copy"})
    assert response.status_code == 200
    assert "(Đã ký)" in text_of(response.content)
    assert client.get(url, {"ban": "nhap"}).status_code == 404


def test_a_signing_space_of_28_mm_and_a_short_gap_in_copies() -> None:
    from thidua.documents.docx_html import P_CLASSES

    assert P_CLASSES["sig-name"]["before"] == 80  # 28.2 mm for the signature and the seal
    assert P_CLASSES["sig-copy"]["before"] == 24
