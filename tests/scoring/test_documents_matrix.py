"""The detailed score document (kind "score-matrix", bảng điểm thi đua chi tiết): the layout
offices use, criteria as rows and the member units as columns in protocol order, landscape;
many units are split into several tables; the bonus is printed capped with a note."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document
from freezegun import freeze_time

from tests.conftest import World
from tests.documents.pdftools import reader, text_of
from tests.documents.test_docx import all_text
from tests.factories import ClusterMembershipFactory, OrganizationLeaderFactory
from tests.factories_scoring import approve_year, fill_sheet, fresh, verify_all
from tests.scoring.conftest import ScoringWorld
from thidua.clusters.models import Cluster
from thidua.documents.formatting import nd30_date
from thidua.documents.registry import get_document_kind
from thidua.documents.rendering import render_docx, render_pdf
from thidua.scoring import selectors
from thidua.scoring.documents import build_score_matrix, unit_chunks
from thidua.scoring.services.results import approve_results

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
URL = "/documents/score-matrix/HN-C06/2023.{fmt}"
HEADER = ["Mã tiêu chí", "Nội dung tiêu chí", "Điểm tối đa"]
D = Decimal
ADOPTED = dt.date(2024, 2, 22)  # the meeting that adopted the 2023 results


def _docx(sw: ScoringWorld) -> Any:
    return Document(io.BytesIO(render_docx(build_score_matrix(cluster_year=sw.cy))))


def _grids(document: Any) -> list[Any]:
    """The score tables (the header layout and the closing are borderless tables too)."""
    return [t for t in document.tables if t.rows[0].cells[0].text == HEADER[0]]


def _rows(table: Any, label: str) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows if row.cells[1].text == label]


def _row(table: Any, label: str) -> list[str]:
    """The last row of that name: a total row ("Điểm thưởng") rather than the group of the
    same name."""
    return _rows(table, label)[-1]


def _paragraphs(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _score_three_units(sw: ScoringWorld) -> None:
    """The member ranks first (with a bonus over the cap of 10), then the head, then the
    deputy: the rank order differs from the protocol order."""
    bonus = {"TH.1": D(5), "TH.2": D(5), "TH.3": D(3)}  # 13 points before the cap
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values=bonus)
    fill_sheet(sw.cy, sw.w.head, sw.w.secretariat, values={"II.2": D("12.5")})
    fill_sheet(sw.cy, sw.w.deputy, sw.w.deputy_officer, values={"II.2": D(5)})


def test_the_kind_is_registered_landscape_for_those_who_see_the_ranking(
    sw: ScoringWorld,
) -> None:
    kind = get_document_kind("score-matrix")
    assert kind is not None
    assert (str(kind.title), kind.permission) == (
        "Bảng điểm thi đua chi tiết",
        "scoring.view_ranking",
    )
    assert build_score_matrix(cluster_year=sw.cy).landscape is True


def test_columns_are_the_units_in_protocol_order_then_every_criterion_is_a_row(
    sw: ScoringWorld,
) -> None:
    _score_three_units(sw)
    document = _docx(sw)
    assert "BẢNG ĐIỂM THI ĐUA CHI TIẾT" in _paragraphs(document)
    (table,) = _grids(document)
    assert [c.text for c in table.rows[0].cells] == [
        *HEADER, "Văn phòng UBND Thành phố", "Sở Ngoại vụ", "Sở Nội vụ",
    ]  # fmt: skip
    codes = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text]
    assert codes == [
        "I", "I.1", "I.2", "II", "II.1", "II.2", "III", "III.1",
        "TH", "TH.1", "TH.2", "TH.3", "TR", "TR.1",
    ]  # fmt: skip
    assert _row(table, "Tiêu chí II.2") == ["II.2", "Tiêu chí II.2", "15", "12,5", "5", "15"]
    assert _row(table, "Thực hiện nhiệm vụ chính trị, chuyên môn")[2:] == ["60"] * 4


def test_totals_ranks_and_classes_follow_the_criteria(sw: ScoringWorld) -> None:
    _score_three_units(sw)
    (table,) = _grids(_docx(sw))
    assert _row(table, "Điểm các tiêu chí")[2:] == ["100", "97,5", "90", "100"]
    assert _row(table, "Điểm trừ")[3:] == ["0", "0", "0"]
    assert _row(table, "Tổng điểm")[2:] == ["110", "97,5", "90", "110"]  # max: 100 + bonus cap 10
    assert _row(table, "Xếp hạng")[3:] == ["2", "3", "1"]
    assert _row(table, "Xếp loại")[3:] == ["Xuất sắc", "Xuất sắc", "Xuất sắc"]


def test_a_bonus_over_the_cap_is_printed_capped_with_a_note(sw: ScoringWorld) -> None:
    _score_three_units(sw)
    document = _docx(sw)
    (table,) = _grids(document)
    group, total = _rows(table, "Điểm thưởng")
    assert group[2:] == ["—", "0", "0", "13"]  # the group: the points before the cap
    assert total[2:] == ["10", "0", "0", "10 (*)"]
    assert "(*) Điểm thưởng tính tối đa 10 điểm (Sở Nội vụ: đạt 13 điểm)." in _paragraphs(document)


def test_without_a_bonus_over_the_cap_there_is_no_note(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"TH.1": D(5), "TH.2": D(5)})
    document = _docx(sw)
    assert "(*)" not in _paragraphs(document)
    assert _row(_grids(document)[0], "Điểm thưởng")[-1] == "10"


def test_the_pdf_is_landscape_and_carries_every_criterion_and_total(sw: ScoringWorld) -> None:
    _score_three_units(sw)
    data = render_pdf(build_score_matrix(cluster_year=sw.cy))
    box = reader(data).pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = text_of(data)
    for criterion in sw.cs.criteria.all():
        assert f"{criterion.code} {criterion.name}" in text
    assert "97,5 90 110" in text  # the totals, head – deputy – member
    assert "Điểm thưởng tính tối đa 10 điểm" in text
    assert "Căn cứ kết quả tự chấm điểm của các đơn vị và kết quả thẩm định" in text


def test_the_cluster_head_signs_for_the_cluster(sw: ScoringWorld) -> None:
    OrganizationLeaderFactory(
        organization=sw.w.head, full_name="Đinh Quốc Hùng", position="Chánh Văn phòng"
    )
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    text = all_text(_docx(sw))
    assert "TM. CỤM THI ĐUA SỐ 6\nCỤM TRƯỞNG\nCHÁNH VĂN PHÒNG UBND THÀNH PHỐ" in text
    assert "\nĐinh Quốc Hùng" in text
    assert "Lưu: VT, " in text
    pdf = text_of(render_pdf(build_score_matrix(cluster_year=sw.cy)))
    assert "TM. CỤM THI ĐUA SỐ 6 CỤM TRƯỞNG" in pdf and "Đinh Quốc Hùng" in pdf


def _add_members(sw: ScoringWorld, count: int) -> list[str]:
    names = [f"Sở thành viên {chr(ord('Z') - i)}" for i in range(count)]  # created Z, Y, X…
    for name in names:
        ClusterMembershipFactory(cluster_year=sw.w.cy, organization__name=name)
    return names


def test_many_units_are_split_into_tables_that_repeat_the_criteria(sw: ScoringWorld) -> None:
    added = _add_members(sw, 9)  # 12 units: two tables of 6
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    document = _docx(sw)
    tables = _grids(document)
    assert [len(t.columns) for t in tables] == [9, 9]
    units = [c.text for t in tables for c in t.rows[0].cells[3:]]
    assert units == [
        "Văn phòng UBND Thành phố", "Sở Ngoại vụ", "Sở Nội vụ", *sorted(added),
    ]  # fmt: skip
    for table in tables:
        assert [c.text for c in table.rows[0].cells][:3] == HEADER
        assert _row(table, "Tiêu chí I.1")[:3] == ["I.1", "Tiêu chí I.1", "40"]
        assert len(_row(table, "Tổng điểm")) == 9
    text = _paragraphs(document)
    assert "Bảng 1\n" in text and "Bảng 2 (tiếp theo)" in text
    assert "Bảng 1 (tiếp theo)" not in text
    assert "Bảng 2 (tiếp theo)" in text_of(render_pdf(build_score_matrix(cluster_year=sw.cy)))


def test_eight_units_fit_one_table_without_a_heading(sw: ScoringWorld) -> None:
    _add_members(sw, 5)
    document = _docx(sw)
    assert [len(t.columns) for t in _grids(document)] == [11]
    assert "Bảng 1" not in _paragraphs(document)


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(0, []), (3, [3]), (8, [8]), (9, [5, 4]), (12, [6, 6]), (17, [6, 6, 5])],
)
def test_units_are_shared_evenly_between_the_tables(count: int, sizes: list[int]) -> None:
    assert [len(chunk) for chunk in unit_chunks(list(range(count)))] == sizes


def test_before_approval_the_date_is_left_blank_not_today(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    text = text_of(render_pdf(build_score_matrix(cluster_year=sw.cy)))
    assert "ngày tháng năm" in text
    assert nd30_date(timezone.localdate()) not in text
    assert "(kết quả tạm tính, chưa phê duyệt)" in text
    kind = get_document_kind("score-matrix")
    assert kind is not None and kind.is_undated(sw.cy)


def test_approved_results_carry_the_day_of_approval(sw: ScoringWorld) -> None:
    with freeze_time("2024-01-20 10:00:00+07:00"):
        approve_year(sw.w)
    text = text_of(render_pdf(build_score_matrix(cluster_year=sw.cy)))
    assert "Hà Nội, ngày 20 tháng 01 năm 2024" in text
    assert nd30_date(timezone.localdate()) not in text
    assert "chưa phê duyệt" not in text
    kind = get_document_kind("score-matrix")
    assert kind is not None and kind.dated_by is not None
    assert kind.dated_by(sw.cy) == dt.date(2024, 1, 20)  # the documents page shows no warning


def test_results_adopted_at_a_meeting_carry_the_meetings_day(sw: ScoringWorld) -> None:
    verify_all(sw.w)
    approve_results(cluster_year=fresh(sw.w.cy), user=sw.w.secretariat, approved_on=ADOPTED)
    text = text_of(render_pdf(build_score_matrix(cluster_year=sw.cy)))
    assert "Hà Nội, ngày 22 tháng 02 năm 2024" in text


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
    approve_year(sw.w)
    assert officer.get(URL.format(fmt="pdf")).status_code == 200


def test_the_documents_page_lists_the_detailed_score_table(sw: ScoringWorld) -> None:
    client = Client()
    client.force_login(sw.w.secretariat)
    page = client.get("/documents/HN-C06/2023/").content.decode()
    assert "Bảng điểm thi đua chi tiết" in page
    assert URL.format(fmt="pdf") in page


def test_without_an_adopted_criteria_set_the_document_is_explained(world: World) -> None:
    client = Client()
    client.force_login(world.secretariat)
    response = client.get(URL.format(fmt="pdf"), follow=True)
    assert (
        "Cụm thi đua số 6 chưa thông qua bộ tiêu chí chấm điểm năm 2023: chưa có bảng điểm thi "
        "đua chi tiết." in response.content.decode()
    )


def test_without_a_criteria_set_there_are_no_group_points_to_print(world: World) -> None:
    data = selectors.ranking_data(fresh(world.cy))
    points = selectors.group_points_by_unit(data)
    assert (points, selectors.bonus_before_cap(data, points)) == ({}, {})


def test_the_command_line_writes_the_document(sw: ScoringWorld, tmp_path: Path) -> None:
    target = tmp_path / "bang-diem-chi-tiet.docx"
    call_command(
        "doc", "score-matrix", "--cluster", "HN-C06", "--year", "2023", "-o", str(target),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert target.read_bytes().startswith(b"PK")


def _queries(sw: ScoringWorld) -> int:
    with CaptureQueriesContext(connection) as queries:
        build_score_matrix(cluster_year=fresh(sw.w.cy))
    return len(queries)


def test_building_the_document_reads_the_same_queries_for_more_units(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    few = _queries(sw)
    _add_members(sw, 10)
    assert _queries(sw) == few


def test_the_ranking_page_links_to_the_detailed_score_table(sw: ScoringWorld) -> None:
    client = Client()
    client.force_login(sw.w.secretariat)
    page = client.get("/scoring/HN-C06/2023/ranking/").content.decode()
    assert [URL.format(fmt=fmt) in page for fmt in ("docx", "pdf")] == [True, True]


def test_a_bloc_names_its_head_and_deputy_units_as_a_bloc_does(sw: ScoringWorld) -> None:
    Cluster.objects.filter(pk=sw.w.cy.cluster_id).update(kind="bloc")
    text = _paragraphs(_docx(sw))
    assert "(đơn vị khối trưởng, đơn vị khối phó, sau đó các đơn vị theo thứ tự chữ cái)" in text
