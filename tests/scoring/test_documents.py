"""The official score summary (kind "score-summary"): landscape DOCX and PDF from one template,
served by the documents engine to those who may see the ranking."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document
from pypdf import PdfReader

from tests.conftest import World
from tests.factories_scoring import fill_sheet
from tests.scoring.conftest import ScoringWorld
from thidua.documents.registry import get_document_kind
from thidua.documents.rendering import render_docx, render_pdf
from thidua.scoring.documents import build_score_summary

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
URL = "/documents/score-summary/HN-C06/2023.{fmt}"


def test_the_kind_is_registered_landscape(sw: ScoringWorld) -> None:
    kind = get_document_kind("score-summary")
    assert kind is not None
    assert str(kind.title) == "Bảng tổng hợp kết quả chấm điểm thi đua"
    assert build_score_summary(cluster_year=sw.cy).landscape is True


def test_docx_lists_the_units_in_rank_order(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"II.2": Decimal("12.5")})
    fill_sheet(sw.cy, sw.w.deputy, sw.w.deputy_officer, values={"II.2": Decimal(5)})
    document = Document(io.BytesIO(render_docx(build_score_summary(cluster_year=sw.cy))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA" in text
    assert "(kết quả tạm tính, chưa phê duyệt)" in text
    table = next(t for t in document.tables if len(t.rows) == 4)
    assert [c.text for c in table.rows[0].cells][:4] == [
        "TT", "Tên đơn vị", "Nhóm I (tối đa 60)", "Nhóm II (tối đa 25)",
    ]  # fmt: skip
    assert [[c.text for c in row.cells][1] for row in table.rows[1:]] == [
        "Sở Nội vụ",
        "Sở Ngoại vụ",
        "Văn phòng UBND Thành phố",
    ]
    assert [c.text for c in table.rows[1].cells][-4:] == ["97,5", "97,5", "1", "Xuất sắc"]


def test_pdf_is_one_landscape_page(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    reader = PdfReader(io.BytesIO(render_pdf(build_score_summary(cluster_year=sw.cy))))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert "Sở Nội vụ" in reader.pages[0].extract_text()


def test_units_get_the_document_only_once_results_are_published(sw: ScoringWorld) -> None:
    officer, secretariat, outsider = Client(), Client(), Client()
    officer.force_login(sw.w.officer)
    secretariat.force_login(sw.w.secretariat)
    outsider.force_login(sw.w.outsider)
    assert officer.get(URL.format(fmt="pdf")).status_code == 403
    assert outsider.get(URL.format(fmt="pdf")).status_code == 404
    response = secretariat.get(URL.format(fmt="docx"))
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def test_the_command_line_writes_the_document(sw: ScoringWorld, tmp_path: Path) -> None:
    target = tmp_path / "bang-tong-hop.pdf"
    call_command(
        "doc", "score-summary", "--cluster", "HN-C06", "--year", "2023", "--format", "pdf",
        "-o", str(target), stdout=io.StringIO(),
    )  # fmt: skip
    assert target.read_bytes().startswith(b"%PDF-")


def test_without_an_adopted_criteria_set_the_document_is_explained(world: World) -> None:
    client = Client()
    client.force_login(world.secretariat)
    response = client.get(URL.format(fmt="pdf"), follow=True)
    assert (
        "Cụm thi đua số 6 chưa thông qua bộ tiêu chí chấm điểm năm 2023: chưa có bảng tổng hợp "
        "kết quả chấm điểm." in response.content.decode()
    )


def test_the_ranking_page_links_to_the_score_summary(sw: ScoringWorld) -> None:
    client = Client()
    client.force_login(sw.w.secretariat)
    page = client.get("/scoring/HN-C06/2023/ranking/").content.decode()
    assert [URL.format(fmt=fmt) in page for fmt in ("docx", "pdf")] == [True, True]
