"""Browser: a board officer opens a cluster-year page and downloads the member list as PDF."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.documents.pdftools import text_of
from thidua.documents.models import GeneratedDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_officer_downloads_the_member_list_pdf(page: Any, world: World) -> None:
    login(page, "board")
    page.goto("/clusters/HN-C06/2023/")
    assert_accessible(page)

    link = page.get_by_role("link", name="Danh sách thành viên (PDF)")
    href = link.get_attribute("href")
    assert href == "/documents/member-list/HN-C06/2023.pdf"
    response = page.request.get(href)

    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    assert "Sở Nội vụ" in text_of(body)
    assert GeneratedDocument.objects.get().generated_by == world.board

    docx_link = page.get_by_role("link", name="Danh sách thành viên (DOCX)")
    with page.expect_download() as download_info:
        docx_link.click()
    assert download_info.value.suggested_filename == "danh-sach-thanh-vien-HN-C06-2023.docx"


def test_secretariat_opens_the_documents_page_of_the_year(page: Any, world: World) -> None:
    login(page, "secretariat")
    page.goto("/clusters/HN-C06/2023/")
    page.get_by_role("link", name="Tất cả văn bản in").click()
    page.wait_for_url("**/documents/HN-C06/2023/")

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Văn bản in — Cụm thi đua số 6, năm 2023"
    )
    pdf_link = page.get_by_role("link", name=re.compile(r"^PDF\s*: Danh sách đơn vị thành viên$"))
    assert pdf_link.get_attribute("href") == "/documents/member-list/HN-C06/2023.pdf"
    assert_accessible(page)
