"""A pledge signed on paper at a dated conference, recorded by the secretariat: the service, the
page, the API, and what the printed pledge says (never today's date for a past event)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.documents.pdftools import text_of
from tests.factories import ClusterYearFactory
from tests.factories_start_of_year import make_pledge
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.documents.formatting import nd30_date
from thidua.documents.registry import get_document_kind
from thidua.documents.rendering import render_pdf
from thidua.start_of_year.enums import PledgeStatus, SignatureMethod
from thidua.start_of_year.models import Pledge
from thidua.start_of_year.services.signatures import PaperSignature, record_paper_signing

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CONFERENCE = dt.date(2023, 2, 15)


def _paper(world: World) -> list[PaperSignature]:
    return [
        PaperSignature(world.head, "Đinh Quốc Hùng", "Chánh Văn phòng"),
        PaperSignature(world.deputy, "Nguyễn Thị Ngọc Anh", "Phó Giám đốc", dt.date(2023, 2, 16)),
        PaperSignature(world.member, "Nguyễn Thị Liễu", "Phó Giám đốc"),
    ]


def _record(world: World, by: User | None, rows: list[PaperSignature] | None = None) -> Pledge:
    pledge = Pledge.objects.get(cluster_year=world.cy, status__in=["open", "in_force"])
    return record_paper_signing(
        pledge=pledge,
        by=by,
        conference_date=CONFERENCE,
        conference_place="Hội trường Văn phòng UBND Thành phố",
        place="Hà Nội",
        signatures=_paper(world) if rows is None else rows,
    )


@pytest.fixture
def opened(world: World, leaders: dict[str, User]) -> World:
    make_pledge(world.cy, world.secretariat)
    return world


def test_secretariat_records_the_paper_conference_and_the_pledge_comes_into_force(
    opened: World,
) -> None:
    pledge = _record(opened, opened.secretariat)

    assert (pledge.conference_date, pledge.conference_place) == (
        CONFERENCE,
        "Hội trường Văn phòng UBND Thành phố",
    )
    signatures = {s.organization: s for s in pledge.signatures.all()}
    assert {s.method for s in signatures.values()} == {SignatureMethod.RECORDED}
    assert timezone.localtime(signatures[opened.deputy].signed_at).date() == dt.date(2023, 2, 16)
    assert signatures[opened.head].note.startswith("Ký trên giấy tại hội nghị ngày 15/02/2023")
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.IN_FORCE
    assert timezone.localtime(pledge.in_force_at).date() == dt.date(2023, 2, 16)  # type: ignore[arg-type]
    assert AuditEvent.objects.filter(action="pledge.paper_signing.record").count() == 1
    assert AuditEvent.objects.filter(action="pledge.sign").count() == 3


def test_some_units_only_leaves_the_others_to_sign(opened: World) -> None:
    pledge = _record(opened, opened.board, _paper(opened)[:1])
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.OPEN and pledge.signatures.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"conference_date": None}, "Cần ghi ngày hội nghị"),
        ({"conference_date": dt.date(2999, 1, 1)}, "không thể sau hôm nay"),
        ({"signatures": []}, "ít nhất một đơn vị"),
    ],
)
def test_bad_conference_input_writes_nothing(opened: World, change: dict, message: str) -> None:
    pledge = Pledge.objects.get(cluster_year=opened.cy, status="open")
    arguments = {
        "pledge": pledge,
        "by": opened.secretariat,
        "conference_date": CONFERENCE,
        "signatures": _paper(opened),
        **change,
    }
    with pytest.raises(ValidationError, match=message):
        record_paper_signing(**arguments)  # type: ignore[arg-type]
    assert not pledge.signatures.exists()


def test_a_unit_signing_twice_or_without_name_is_refused(opened: World) -> None:
    with pytest.raises(ValidationError, match="Cần ghi họ tên và chức vụ"):
        _record(opened, opened.secretariat, [PaperSignature(opened.head, "", "Chánh Văn phòng")])
    first = _paper(opened)[0]
    with pytest.raises(ValidationError, match="hai lần"):
        _record(opened, opened.secretariat, [first, first])
    _record(opened, opened.secretariat, [first])
    with pytest.raises(ValidationError, match="đã ký"):
        _record(opened, opened.secretariat, [first])


def test_a_non_member_is_refused(opened: World) -> None:
    with pytest.raises(ValidationError, match="không phải thành viên"):
        _record(opened, opened.secretariat, [PaperSignature(opened.outsider_org, "A", "B")])


def test_a_draft_cannot_be_recorded_as_signed(world: World, leaders: dict[str, User]) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    pledge = Pledge.objects.get(cluster_year=world.cy)
    with pytest.raises(PermissionDenied, match="dự thảo"):
        record_paper_signing(
            pledge=pledge,
            by=world.secretariat,
            conference_date=CONFERENCE,
            signatures=_paper(world),
        )


@pytest.mark.parametrize("persona", ["leader", "officer", "viewer", "other_board"])
def test_units_and_others_may_not_record_paper_signatures(opened: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        _record(opened, opened.user(persona))


# ---- the printed pledge


def _pledge_pdf(cluster_year: object) -> str:
    kind = get_document_kind("pledge")
    assert kind is not None
    return text_of(render_pdf(kind.build(cluster_year=cluster_year)))


def _today_in_nd30() -> str:
    return nd30_date(timezone.localdate())


def test_a_2021_pledge_signed_on_paper_printed_today_carries_2021_not_today(
    world: World, leaders: dict[str, User]
) -> None:
    cy2021 = ClusterYearFactory(cluster=world.cy.cluster, year=2021)
    for unit in (world.head, world.deputy, world.member):
        cy2021.memberships.create(
            organization=unit, year=2021, authority=world.authority, kind=cy2021.cluster.kind
        )
    make_pledge(cy2021, world.board)
    pledge = Pledge.objects.get(cluster_year=cy2021, status="open")
    record_paper_signing(
        pledge=pledge,
        by=world.board,
        conference_date=dt.date(2021, 3, 5),
        conference_place="Hội trường A",
        place="Hà Nội",
        signatures=[PaperSignature(world.head, "Lê Văn Tám", "Chánh Văn phòng")],
    )

    text = _pledge_pdf(cy2021)

    assert "Hà Nội, ngày 05 tháng 3 năm 2021" in text
    assert _today_in_nd30().lower() not in text.lower()
    assert "ký trên giấy tại hội nghị ngày 05 tháng 3 năm 2021 (Hội trường A)" in text
    assert "(Đã ký trên giấy ngày 05/03/2021)" in text
    assert "Lê Văn Tám" in text


def test_a_pledge_without_any_date_prints_blanks(world: World, leaders: dict[str, User]) -> None:
    make_pledge(world.cy, world.secretariat)  # open, nobody signed, no conference date
    text = _pledge_pdf(world.cy)
    assert "Hà Nội, ngày tháng năm" in text
    assert _today_in_nd30().lower() not in text.lower()


# ---- the page and the API


def test_pledge_page_offers_the_paper_record_and_warns_of_the_missing_date(
    client: Client, opened: World
) -> None:
    client.force_login(opened.secretariat)
    page = client.get("/start-of-year/HN-C06/2023/pledge/").content.decode()
    assert 'href="/start-of-year/HN-C06/2023/pledge/paper/"' in page
    assert "Văn bản chưa có ngày: in ra sẽ để trống ngày để ghi tay." in page


def test_paper_page_records_rows_with_a_name(client: Client, opened: World) -> None:
    client.force_login(opened.secretariat)
    url = "/start-of-year/HN-C06/2023/pledge/paper/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "conference_date": "2023-02-15",
            "conference_place": "Hội trường",
            "place": "Hà Nội",
            f"name_{opened.head.pk}": "Đinh Quốc Hùng",
            f"position_{opened.head.pk}": "Chánh Văn phòng",
        },
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get(cluster_year=opened.cy, status="open")
    assert [s.organization for s in pledge.signatures.all()] == [opened.head]
    page = client.get("/start-of-year/HN-C06/2023/pledge/").content.decode()
    assert "Văn bản chưa có ngày" not in page
    assert "15/02/2023" in page


def test_paper_page_needs_both_name_and_position(client: Client, opened: World) -> None:
    client.force_login(opened.secretariat)
    response = client.post(
        "/start-of-year/HN-C06/2023/pledge/paper/",
        {"conference_date": "2023-02-15", f"name_{opened.head.pk}": "Đinh Quốc Hùng"},
    )
    assert response.status_code == 200
    assert "Cần ghi cả họ tên và chức vụ" in response.content.decode()


def test_a_unit_leader_gets_403_on_the_paper_page(client: Client, opened: World) -> None:
    client.force_login(opened.leader)
    assert client.get("/start-of-year/HN-C06/2023/pledge/paper/").status_code == 403


def test_api_records_paper_signing(client: Client, opened: World) -> None:
    pledge = Pledge.objects.get(cluster_year=opened.cy, status="open")
    client.force_login(opened.board)
    response = client.post(
        f"/api/v1/pledges/{pledge.pk}/paper-signing/",
        {
            "conference_date": "2023-02-15",
            "conference_place": "Hội trường",
            "signatures": [
                {
                    "organization": opened.head.pk,
                    "signer_name": "Đinh Quốc Hùng",
                    "signer_position": "Chánh Văn phòng",
                }
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["conference_place"], response.json()["signed_count"]) == (
        "Hội trường",
        1,
    )


def test_api_refuses_a_non_member_and_a_unit_leader(client: Client, opened: World) -> None:
    pledge = Pledge.objects.get(cluster_year=opened.cy, status="open")
    body = {
        "conference_date": "2023-02-15",
        "signatures": [
            {"organization": opened.outsider_org.pk, "signer_name": "A", "signer_position": "B"}
        ],
    }
    client.force_login(opened.board)
    response = client.post(
        f"/api/v1/pledges/{pledge.pk}/paper-signing/", body, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "not_a_member"
    client.force_login(opened.leader)
    body["signatures"][0]["organization"] = opened.head.pk  # type: ignore[index]
    response = client.post(
        f"/api/v1/pledges/{pledge.pk}/paper-signing/", body, content_type="application/json"
    )
    assert response.status_code == 403
