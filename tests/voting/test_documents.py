"""The vote-count minutes and the conference minutes: both render as PDF and DOCX with the
counts, the names and the threshold; they carry the conference's date, never the print date;
who may print them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import Client
from docx import Document

from tests.conftest import World
from tests.documents.pdftools import text_of
from tests.voting.closed import SOURCE, closed_ballot
from tests.voting.helpers import HELD_ON, fresh, make_conference, make_rules, mark_present
from thidua.clusters.candidates import (
    CANDIDATE_SOURCES,
    CandidateSource,
    ProposedCandidate,
    register_candidate_source,
)
from thidua.documents.registry import DocumentUnavailable, get_document_kind
from thidua.documents.rendering import render_docx, render_pdf
from thidua.voting import services
from thidua.voting.enums import AgendaKind, BallotPurpose, CommitteeRole
from thidua.voting.models import AgendaItem, Conference

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _held(world: World, **conference: object) -> Conference:
    make_conference(world)
    Conference.objects.update(
        chair_name="Nguyễn Chủ Trì",
        chair_position="Chánh Văn phòng",
        secretary_name="Trần Thư Ký",
        **conference,
    )
    services.set_committee(
        cluster_year=fresh(world.cy),
        members=[
            services.CommitteeEntry("Lê Trưởng Ban", "Phó Giám đốc", role=CommitteeRole.HEAD),
            services.CommitteeEntry("Phạm Thành Viên", "Trưởng phòng"),
        ],
        user=world.admin,
    )
    mark_present(world, world.head, world.deputy)
    AgendaItem.objects.filter(kind=AgendaKind.ADOPT_REPORT).update(
        decision_text="Hội nghị nhất trí thông qua báo cáo tổng kết.", decided=True
    )
    closed_ballot(
        world,
        title="Suy tôn Cờ thi đua của Chính phủ",
        results=[(world.member, 3, 0, True, True), (world.deputy, 1, 2, False, False)],
        sample_data=True,
    )
    closed_ballot(
        world,
        purpose=BallotPurpose.HEAD,
        award_type=None,
        title="Bầu đơn vị trưởng năm 2024",
        results=[(world.deputy, 2, 0, True, True), (world.head, 1, 0, False, False)],
    )
    return Conference.objects.get()


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


def _both(world: World, slug: str) -> list[str]:
    kind = get_document_kind(slug)
    assert kind is not None
    content = kind.build(cluster_year=fresh(world.cy))
    return [text_of(render_pdf(content)), _docx_text(render_docx(content))]


def test_the_vote_count_minutes_give_counts_percentages_threshold_and_committee(
    world: World,
) -> None:
    _held(world)
    for text in _both(world, "vote-count-minutes"):
        assert "BIÊN BẢN KIỂM PHIẾU" in text
        assert "Suy tôn Cờ thi đua của Chính phủ" in text
        assert "Số phiếu phát ra: 3; số phiếu thu về: 3; số phiếu hợp lệ: 3" in text
        assert "100,00" in text and "33,33" in text and "66,67" in text
        assert f"≥ 2/3 tổng số đơn vị thành viên ({SOURCE})" in text
        assert "Kết quả: đạt — Sở Nội vụ (3 phiếu tán thành, 100,00%)" in text
        assert "ab12" * 16 in text and "thidua ballot verify" in text and "Mã kiểm tra" in text
        assert "Dữ liệu mẫu" in text
        assert "TRƯỞNG BAN KIỂM PHIẾU" in text and "Lê Trưởng Ban" in text
        assert "Phạm Thành Viên" in text
        assert "ngày 20 tháng 12 năm 2023" in text


def test_the_conference_minutes_give_attendance_agenda_awards_and_the_elected_head(
    world: World,
) -> None:
    _held(world)
    for text in _both(world, "conference-minutes"):
        assert "BIÊN BẢN HỘI NGHỊ" in text
        assert "Nguyễn Chủ Trì" in text and "Trần Thư Ký" in text
        assert "Đơn vị dự họp: 2/3 đơn vị thành viên" in text
        assert "Nguyễn Văn A" in text  # a delegate
        assert "Đơn vị vắng mặt" in text and "Sở Nội vụ" in text
        assert "Hội nghị nhất trí thông qua báo cáo tổng kết." in text
        assert "Cờ thi đua của Chính phủ" in text
        assert "Sở Ngoại vụ (2 phiếu, 66,67%)" in text
        assert "CHỦ TRÌ HỘI NGHỊ" in text and "THƯ KÝ" in text
        assert "ngày 20 tháng 12 năm 2023" in text


def test_minutes_recorded_after_the_fact_carry_the_minutes_date(world: World) -> None:
    import datetime as dt

    _held(world, recorded_after_fact=True, minutes_date=dt.date(2023, 12, 22))
    kind = get_document_kind("conference-minutes")
    assert kind is not None and kind.dated_by is not None
    assert kind.dated_by(fresh(world.cy)) == dt.date(2023, 12, 22)
    for text in _both(world, "vote-count-minutes"):
        assert "Ghi nhận sau hội nghị" in text
        assert "ngày 22 tháng 12 năm 2023" in text


def test_without_a_closed_ballot_there_are_no_vote_count_minutes(world: World) -> None:
    make_conference(world)
    kind = get_document_kind("vote-count-minutes")
    assert kind is not None
    assert kind.dated_by is not None and kind.dated_by(fresh(world.cy)) == HELD_ON
    with pytest.raises(DocumentUnavailable, match="Chưa có phiếu nào kết thúc"):
        kind.build(cluster_year=fresh(world.cy))


def _in_session(world: World) -> None:
    make_conference(world)
    make_rules(world)
    mark_present(world, world.head, world.deputy, world.member)
    services.open_session(cluster_year=fresh(world.cy), user=world.admin)


@pytest.mark.parametrize("persona", ["officer", "council", "secretariat"])
def test_anyone_in_scope_prints_the_minutes_once_the_session_opened(
    world: World, persona: str
) -> None:
    _in_session(world)
    client = Client()
    client.force_login(world.user(persona))
    response = client.get("/documents/conference-minutes/HN-C06/2023.pdf")
    assert (response.status_code, response.content[:5]) == (200, b"%PDF-")


def test_the_minutes_are_not_printed_before_the_session(world: World) -> None:
    make_conference(world)
    client = Client()
    client.force_login(world.officer)
    response = client.get("/documents/conference-minutes/HN-C06/2023.pdf")
    assert response.status_code == 403
    assert "Hội nghị chưa khai mạc" in response.content.decode()


def test_the_minutes_are_404_outside_scope(world: World) -> None:
    _in_session(world)
    client = Client()
    client.force_login(world.outsider)
    assert client.get("/documents/vote-count-minutes/HN-C06/2023.docx").status_code == 404


@pytest.fixture
def ranked(world: World) -> Iterator[None]:
    """A ranking source as scoring registers it: the three members with their scores."""

    def propose(cluster_year: object, award_type: object) -> list[ProposedCandidate]:
        units = [world.deputy, world.member, world.head]
        return [
            ProposedCandidate(unit, rank=i, score=Decimal(100 - i))
            for i, unit in enumerate(units, 1)
        ]

    register_candidate_source(CandidateSource("tests.ranking", 1, "Xếp hạng", propose))
    yield
    CANDIDATE_SOURCES.remove("tests.ranking")


def test_the_conference_minutes_give_the_ranking_when_a_source_ranks(
    world: World, ranked: None
) -> None:
    _held(world)
    for text in _both(world, "conference-minutes"):
        assert "Kết quả chấm điểm, xếp hạng thi đua" in text
        assert "1 Sở Ngoại vụ 99" in text and "3 Văn phòng UBND Thành phố 97" in text
