"""The ballot pages through the client: the list and its creation form, one question from its
candidates to its result, the public board with "find my ballot", the recount; refusals,
bad input that changes nothing, and a constant number of queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.ballots import award, cards, in_session, members, open_ballot, rule, uuid_of
from tests.voting.helpers import fresh
from tests.voting.test_ballot_flow import vote
from thidua.audit.models import AuditEvent
from thidua.clusters.candidates import ProposedCandidate
from thidua.voting.enums import BallotKind, BallotPurpose, BallotState
from thidua.voting.models import Ballot, Candidate, PaperTally
from thidua.voting.services import ballots, closing

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = "/voting/HN-C06/2023/conference/ballots/"
# session, user, the year in scope, the conference, the rules and their awards, the questions
# with their candidates (one query for all), the permission lookups: the same for any size
LIST_QUERIES = 9
# + the question, its candidates, the roll counts, the paper tally, the member units, the
# permissions of each form (quorum, candidates): the same for any number of units or candidates
DRAFT_PAGE_QUERIES = 17
OPEN_PAGE_QUERIES = 15


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def url(ballot: Ballot, tail: str = "") -> str:
    return f"{LIST}{ballot.uuid}/{tail}"


def body(response: Any) -> str:
    return str(response.content.decode())


def draft(world: World, purpose: str = BallotPurpose.ACCLAIM, mode: str = "online") -> Ballot:
    return ballots.create_ballot(
        cluster_year=fresh(world.cy),
        purpose=purpose,
        award_type=award() if purpose == BallotPurpose.ACCLAIM else None,
        mode=mode,
        user=world.admin,
    )


def with_candidates(world: World, ballot: Ballot, units: list[Any]) -> Ballot:
    ballots.set_candidates(
        ballot=ballot,
        proposed=[ProposedCandidate(organization=o) for o in units],
        user=world.admin,
    )
    return Ballot.objects.get(pk=ballot.pk)


# --- the list and the creation form ---------------------------------------------------------


def test_the_secretariat_creates_an_acclamation_from_the_rules(world: World) -> None:
    in_session(world)
    client = client_for(world.secretariat)
    page = body(client.get(LIST))
    assert "Suy tôn: " + award().name in page
    response = client.post(
        LIST + "new/", {"purpose": f"acclaim-{award().pk}", "mode": "mixed", "title": ""}
    )
    ballot = Ballot.objects.get()
    assert response.status_code == 302 and response["Location"] == url(ballot)
    assert (ballot.mode, ballot.threshold_num, ballot.threshold_den) == ("mixed", 2, 3)
    listed = body(client.get(LIST))
    assert ballot.title in listed and "Đang chuẩn bị" in listed


def test_a_purpose_without_a_rule_gives_the_services_message_and_creates_nothing(
    world: World,
) -> None:
    in_session(world)
    response = client_for(world.board).post(
        LIST + "new/", {"purpose": "head", "mode": "online"}, follow=True
    )
    assert "chưa có quy định bỏ phiếu cho" in body(response)
    assert not Ballot.objects.exists()
    response = client_for(world.board).post(
        LIST + "new/", {"purpose": "acclaim-999999", "mode": "online"}, follow=True
    )
    assert "Nội dung bỏ phiếu: Hãy chọn một lựa chọn hợp lệ" in body(response)
    assert not Ballot.objects.exists()


def test_a_unit_officer_sees_the_list_but_cannot_create(world: World) -> None:
    in_session(world)
    client = client_for(world.officer)
    assert 'action="/voting/HN-C06/2023/conference/ballots/new/"' not in body(client.get(LIST))
    response = client.post(LIST + "new/", {"purpose": f"acclaim-{award().pk}", "mode": "online"})
    assert response.status_code == 403 and not Ballot.objects.exists()


def test_without_rules_the_list_says_why_nothing_can_be_created(world: World) -> None:
    from tests.voting.helpers import make_conference

    make_conference(world)
    page = body(client_for(world.secretariat).get(LIST))
    assert 'id="create-refusal"' in page and "Chưa có quy chế bình xét" in page


def test_another_authority_gets_404_everywhere(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    client = client_for(world.other_board)
    for tail in ("", "board/", "board.json", "verify/"):
        assert client.get(url(ballot, tail)).status_code == 404, tail
    for tail in ("prefill/", "candidates/", "open/", "cancel/", "paper/", "close/", "runoff/"):
        assert client.post(url(ballot, tail)).status_code == 404, tail
    assert client.get(LIST).status_code == 404
    # a question of another year of a visible cluster is 404 too
    assert client_for(world.admin).get(f"{LIST}{Ballot().uuid}/").status_code == 404


# --- the candidates -------------------------------------------------------------------------


def test_prefill_of_an_election_lists_the_member_units_outgoing_deputy_first(world: World) -> None:
    in_session(world, purpose=BallotPurpose.HEAD, kind=BallotKind.SINGLE_CHOICE)
    ballot = draft(world, BallotPurpose.HEAD)
    client = client_for(world.secretariat)
    assert client.post(url(ballot, "prefill/")).status_code == 302
    names = [c.label for c in Candidate.objects.filter(ballot=ballot)]
    assert names[0] == world.deputy.name and sorted(names) == sorted(m.name for m in members(world))
    page = body(client.get(url(ballot)))
    assert "Lấy danh sách đề xuất" in page and "≥ 2/3 tổng số đơn vị thành viên" in page


def test_the_list_is_reordered_trimmed_and_extended(world: World) -> None:
    in_session(world)
    ballot = with_candidates(world, draft(world), [world.head, world.deputy])
    Candidate.objects.filter(ballot=ballot, organization=world.deputy).update(registered=False)
    client = client_for(world.secretariat)
    assert "Đơn vị chưa đăng ký danh hiệu này" in body(client.get(url(ballot)))
    head, deputy = (uuid_of(ballot, u) for u in (world.head, world.deputy))
    response = client.post(
        url(ballot, "candidates/"),
        {f"order-{head}": "2", f"order-{deputy}": "1", "add": world.member.pk},
    )
    assert response.status_code == 302
    rows = list(Candidate.objects.filter(ballot=ballot))
    assert [c.organization_id for c in rows] == [world.deputy.pk, world.head.pk, world.member.pk]
    assert rows[0].registered is False  # what the sources said is kept
    deputy = str(rows[0].uuid)
    client.post(
        url(ballot, "candidates/"),
        {
            f"order-{deputy}": "1",
            f"remove-{deputy}": "on",
            f"order-{rows[1].uuid}": "1",
            f"order-{rows[2].uuid}": "2",
        },
    )
    assert list(
        Candidate.objects.filter(ballot=ballot).values_list("organization_id", flat=True)
    ) == [
        world.head.pk,
        world.member.pk,
    ]


def test_bad_candidate_input_changes_nothing(world: World) -> None:
    in_session(world)
    ballot = with_candidates(world, draft(world), [world.head])
    head = uuid_of(ballot, world.head)
    events = AuditEvent.objects.count()
    client = client_for(world.secretariat)
    response = client.post(url(ballot, "candidates/"), {f"order-{head}": "x"}, follow=True)
    assert "Thứ tự phải là số nguyên dương" in body(response)
    response = client.post(
        url(ballot, "candidates/"),
        {f"order-{head}": "1", "add": world.outsider_org.pk},
        follow=True,
    )
    assert "Thêm đơn vị" in body(response)
    assert list(Candidate.objects.filter(ballot=ballot).values_list("uuid", flat=True)) == [
        Candidate.objects.get(ballot=ballot).uuid
    ]
    assert str(Candidate.objects.get(ballot=ballot).uuid) == head
    assert AuditEvent.objects.count() == events
    assert client_for(world.officer).post(url(ballot, "candidates/"), {}).status_code == 403


# --- opening, paper, closing, result -----------------------------------------------------


def test_opening_is_refused_with_the_reason_before_the_session(world: World) -> None:
    from tests.voting.helpers import make_conference, make_rules

    make_conference(world)
    make_rules(world)
    rule(world)
    ballot = with_candidates(world, draft(world), [world.member])
    client = client_for(world.secretariat)
    page = body(client.get(url(ballot)))
    assert "Hội nghị chưa khai mạc" in page and 'id="open-refusal"' in page
    assert f'action="{url(ballot, "open/")}"' not in page
    response = client.post(url(ballot, "open/"), follow=True)
    assert "Hội nghị chưa khai mạc" in body(response)
    assert Ballot.objects.get().state == BallotState.DRAFT


def test_a_paper_ballot_from_opening_to_its_result(world: World) -> None:
    in_session(world)
    ballot = with_candidates(world, draft(world, mode="paper"), [world.member, world.deputy])
    client = client_for(world.secretariat)
    assert client.post(url(ballot, "open/")).status_code == 302
    page = body(client.get(url(ballot)))
    assert "Đã bỏ phiếu 0/3" in page and 'id="paper-form"' in page
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    data = {
        "voters": [u.pk for u in members(world)],
        "received": 3,
        "valid": 3,
        "invalid": 0,
        f"yes-{m}": 3,
        f"no-{m}": 0,
        f"yes-{d}": 0,
        f"no-{d}": 3,
    }
    bad = dict(data, received=4, valid=4)
    response = client.post(url(ballot, "paper/"), bad, follow=True)
    assert "lớn hơn số phiếu phát ra" in body(response)
    assert not PaperTally.objects.exists()
    assert client.post(url(ballot, "paper/"), data).status_code == 302
    page = body(client.get(url(ballot)))
    assert "Đã bỏ phiếu 3/3" in page
    assert 'id="ballot-outcome"' not in page and "Kết quả chỉ được công bố" in page
    assert client.post(url(ballot, "close/")).status_code == 302
    page = body(client.get(url(ballot)))
    assert "Có đơn vị đạt" in page and "Được suy tôn" in page
    assert "100,00%" in page and "0,00%" in page
    assert url(ballot, "board/") in page and url(ballot, "verify/") in page
    verify = body(client_for(world.officer).get(url(ballot, "verify/")))
    assert "Kiểm lại: khớp" in verify


def test_cancel_needs_a_reason(world: World) -> None:
    in_session(world)
    ballot = with_candidates(world, draft(world), [world.member])
    client = client_for(world.secretariat)
    response = client.post(url(ballot, "cancel/"), {"reason": ""}, follow=True)
    assert "Lý do hủy" in body(response) and Ballot.objects.get().state == BallotState.DRAFT
    client.post(url(ballot, "cancel/"), {"reason": "Trùng nội dung"})
    assert Ballot.objects.get().state == BallotState.CANCELLED


def test_a_tie_offers_a_runoff(world: World) -> None:
    in_session(world, kind=BallotKind.APPROVE_REJECT, basis="present", operator="gt", num=1, den=3)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    for unit in members(world):
        vote(ballot, codes[unit.pk].code, {m: "Y", d: "Y"})
    closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    client = client_for(world.secretariat)
    page = body(client.get(url(ballot)))
    assert "Cần bỏ phiếu lại" in page and "Tạo phiếu bầu lại" in page
    response = client.post(url(ballot, "runoff/"))
    runoff = Ballot.objects.get(runoff_of=ballot)
    assert response["Location"] == url(runoff) and runoff.round == 2


# --- the board and the recount ---------------------------------------------------------------


def _closed_online(world: World) -> tuple[Ballot, list[str]]:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    units = members(world)
    receipts = [
        vote(ballot, codes[units[0].pk].code, {m: "Y", d: "N"}),
        vote(ballot, codes[units[1].pk].code, {m: "Y", d: "Y"}),
        vote(ballot, codes[units[2].pk].code, {m: "Y"}),
    ]
    return closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin), receipts


def test_the_board_lists_every_ballot_by_receipt_and_finds_mine(world: World) -> None:
    ballot, receipts = _closed_online(world)
    client = client_for(world.officer)
    page = body(client.get(url(ballot, "board/")))
    shown = re.findall(r"<code>([0-9A-Z]{4}-[0-9A-Z]{4})</code>", page)
    assert shown == sorted(shown) and len(shown) == 3
    assert ballot.board_digest in page
    mine = receipts[0]
    found = body(client.post(url(ballot, "board/"), {"receipt": mine.lower()}))
    assert 'id="found"' in found and 'aria-current="true"' in found
    assert f"{world.member.name} — tán thành" in found
    assert f"{world.deputy.name} — không tán thành" in found
    missing = body(client.post(url(ballot, "board/"), {"receipt": "ZZZZ-ZZZZ"}))
    assert 'id="not-found"' in missing
    data = client.get(url(ballot, "board.json")).json()
    assert data["digest"] == ballot.board_digest and len(data["ballots"]) == 3
    assert data["result"]["outcome"] == "passed"


def test_the_board_pages_two_hundred_rows_at_a_time(world: World) -> None:
    from thidua.voting.models import CastBallot

    ballot, _receipts = _closed_online(world)
    CastBallot.objects.bulk_create(
        CastBallot(ballot=ballot, receipt=f"Z{i:07d}", choices=[], weight=1) for i in range(250)
    )
    client = client_for(world.officer)
    first = body(client.get(url(ballot, "board/")))
    assert len(re.findall(r"<code>[0-9A-Z]{4}-[0-9A-Z]{4}</code>", first)) == 200
    assert "Trang 1/2" in first
    second = body(client.get(url(ballot, "board/") + "?page=2"))
    assert len(re.findall(r"<code>[0-9A-Z]{4}-[0-9A-Z]{4}</code>", second)) == 53
    # the row found is shown on its own page
    found = body(client.post(url(ballot, "board/"), {"receipt": "Z0000249"}))
    assert "Trang 2/2" in found and 'aria-current="true"' in found
    # the added rows do not match what was announced
    assert "Kiểm lại: không khớp" in body(client.get(url(ballot, "verify/")))


def test_verify_shows_the_differences_when_the_board_was_altered(world: World) -> None:
    from thidua.voting.models import CastBallot

    ballot, _receipts = _closed_online(world)
    client = client_for(world.viewer)
    assert "Kiểm lại: khớp" in body(client.get(url(ballot, "verify/")))
    row = CastBallot.objects.filter(ballot=ballot).order_by("receipt").first()
    assert row is not None
    row.choices = [[uuid_of(ballot, world.member), "N"]]
    row.save()
    page = body(client.get(url(ballot, "verify/")))
    assert "Kiểm lại: không khớp" in page and "Mã kiểm tra không khớp" in page
    assert "đã công bố 3 tán thành" in page


# --- query counts -----------------------------------------------------------------------------


def _grow(world: World, extra: int) -> None:
    for i in range(extra):
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=f"Sở {i:02d}")


@pytest.mark.parametrize("extra", [0, 10])
def test_the_list_runs_the_same_queries_for_any_size(
    world: World, extra: int, django_assert_max_num_queries: Any
) -> None:
    _grow(world, extra)
    in_session(world)
    for _i in range(1 + extra // 2):
        with_candidates(world, draft(world), members(world))
    client = client_for(world.secretariat)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("extra", [0, 10])
def test_the_ballot_page_runs_the_same_queries_for_any_size(
    world: World, extra: int, django_assert_max_num_queries: Any
) -> None:
    _grow(world, extra)
    in_session(world)
    ballot = with_candidates(world, draft(world, mode="mixed"), members(world)[:-1])
    client = client_for(world.secretariat)
    with django_assert_max_num_queries(DRAFT_PAGE_QUERIES):
        assert client.get(url(ballot)).status_code == 200
    ballots.open_ballot(ballot=ballot, user=world.admin)
    with django_assert_max_num_queries(OPEN_PAGE_QUERIES):
        assert client.get(url(ballot)).status_code == 200


# --- prefill from the candidate sources ---------------------------------------------------


@pytest.fixture
def sources() -> Any:
    """Replace the registered candidate sources for one test, then put them back."""
    from thidua.clusters.candidates import CANDIDATE_SOURCES

    saved = list(CANDIDATE_SOURCES)
    for source in saved:
        CANDIDATE_SOURCES.remove(source.slug)

    def use(*entries: Any) -> None:
        for entry in entries:
            CANDIDATE_SOURCES.add(entry)

    yield use
    for source in list(CANDIDATE_SOURCES):
        CANDIDATE_SOURCES.remove(source.slug)
    for source in saved:
        CANDIDATE_SOURCES.add(source)


def test_prefill_of_an_acclamation_shows_rank_score_and_the_unregistered_flag(
    world: World, sources: Any
) -> None:
    from decimal import Decimal

    from thidua.clusters.candidates import CandidateSource

    def ranking(cy: Any, award_type: Any) -> list[ProposedCandidate]:
        return [
            ProposedCandidate(world.member, 1, Decimal("96.50"), True),
            ProposedCandidate(world.deputy, 2, Decimal("91.00"), False),
        ]

    sources(CandidateSource("tests.ranking", 1, "Xếp hạng", ranking))
    in_session(world)
    ballot = draft(world)
    client = client_for(world.secretariat)
    client.post(url(ballot, "prefill/"))
    rows = list(Candidate.objects.filter(ballot=ballot))
    assert [(c.organization_id, c.ranking_position, c.registered) for c in rows] == [
        (world.member.pk, 1, True),
        (world.deputy.pk, 2, False),
    ]
    page = body(client.get(url(ballot)))
    assert "96.50" in page or "96,50" in page
    assert page.count("Đơn vị chưa đăng ký danh hiệu này") == 1


def test_an_empty_proposal_keeps_the_list(world: World, sources: Any) -> None:
    in_session(world)
    ballot = with_candidates(world, draft(world), [world.head])
    response = client_for(world.secretariat).post(url(ballot, "prefill/"), follow=True)
    assert "danh sách giữ nguyên" in body(response)
    assert list(
        Candidate.objects.filter(ballot=ballot).values_list("organization_id", flat=True)
    ) == [world.head.pk]


def test_a_weight_few_units_hold_is_warned_of_before_opening(world: World) -> None:
    from thidua.voting.models import VotingRules

    in_session(world)
    ballot = with_candidates(world, draft(world), [world.member])
    client = client_for(world.secretariat)
    assert "weight-warning" not in body(client.get(url(ballot)))
    VotingRules.objects.update(weights={world.head.code: 2})
    page = body(client.get(url(ballot)))
    assert "Số phiếu 2 chỉ có 1 đơn vị" in page and "Số phiếu 1 chỉ có 2 đơn vị" in page
