"""The outcomes page: the results in words, the acclaimed units recorded as nominations, the
elected pair opening next year; who sees and who acts; a constant number of queries."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.closed import closed_ballot
from thidua.awards.models import AwardNomination
from thidua.clusters.models import ClusterYear
from thidua.voting.enums import BallotPurpose, BallotState

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/voting/HN-C06/2023/conference/outcomes/"


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _held(world: World) -> None:
    closed_ballot(
        world,
        title="Suy tôn Cờ thi đua của Chính phủ",
        results=[(world.member, 3, 0, True, True), (world.deputy, 1, 2, False, False)],
    )
    closed_ballot(
        world,
        purpose=BallotPurpose.HEAD,
        award_type=None,
        title="Bầu cụm trưởng",
        results=[(world.deputy, 3, 0, True, True)],
    )


def test_a_member_reads_the_results_in_words_without_the_buttons(world: World) -> None:
    _held(world)
    body = client_for(world.officer).get(URL).content.decode()
    assert "Suy tôn Cờ thi đua của Chính phủ" in body
    assert "3 (100,00%)" in body and "1 (33,33%)" in body
    assert "≥ 2/3 tổng số đơn vị thành viên" in body
    assert "trúng" in body and "không đạt" in body
    assert 'action="/voting/HN-C06/2023/conference/outcomes/acclamations/"' not in body
    assert "/documents/vote-count-minutes/HN-C06/2023.pdf" in body


def test_the_secretariat_records_the_nominations_from_the_page(world: World) -> None:
    _held(world)
    client = client_for(world.secretariat)
    body = client.get(URL).content.decode()
    assert "Ghi nhận đề nghị khen thưởng" in body
    response = client.post(URL + "acclamations/")
    assert response.status_code == 302
    assert AwardNomination.objects.get().organization == world.member
    body = client.get(URL).content.decode()
    assert "Đã ghi nhận 1 đề nghị khen thưởng." in body
    assert 'id="nominations"' in body and "Đã suy tôn, chờ lập hồ sơ" in body
    # the secretariat does not open next year itself: the page says who does
    assert 'id="next-year-refusal"' in body


def test_the_board_opens_next_year_with_the_elected_head_and_the_chosen_members(
    world: World,
) -> None:
    _held(world)
    client = client_for(world.board)
    body = client.get(URL).content.decode()
    assert f'value="{world.member.pk}"' in body and " checked" in body
    data = {"members": [world.head.pk, world.deputy.pk]}  # Sở Nội vụ left out
    assert client.post(URL + "next-year/", data).status_code == 302
    new = ClusterYear.objects.get(year=2024)
    assert new.head == world.deputy
    assert set(new.memberships.values_list("organization_id", flat=True)) == {
        world.head.pk,
        world.deputy.pk,
    }
    body = client.get(URL).content.decode()
    assert "/clusters/HN-C06/2024/" in body or "Năm 2024 đã được mở" in body


def test_an_officer_posting_anyway_gets_403_and_nothing_is_written(world: World) -> None:
    _held(world)
    client = client_for(world.officer)
    assert client.post(URL + "acclamations/").status_code == 403
    assert client.post(URL + "next-year/", {"members": [world.head.pk]}).status_code == 403
    assert not AwardNomination.objects.exists()
    assert not ClusterYear.objects.filter(year=2024).exists()


def test_with_a_ballot_still_open_the_page_says_why_and_a_post_changes_nothing(
    world: World,
) -> None:
    _held(world)
    closed_ballot(world, award_type="BK_TP_HN", state=BallotState.OPEN, title="Bằng khen")
    client = client_for(world.secretariat)
    body = client.get(URL).content.decode()
    assert "Còn phiếu chưa kết thúc" in body
    assert 'action="/voting/HN-C06/2023/conference/outcomes/acclamations/"' not in body
    assert client.post(URL + "acclamations/").status_code == 302
    assert not AwardNomination.objects.exists()


def test_another_authority_gets_404(world: World) -> None:
    _held(world)
    client = client_for(world.other_board)
    assert client.get(URL).status_code == 404
    assert client.post(URL + "acclamations/").status_code == 404
    assert client.post(URL + "next-year/").status_code == 404


def _grow(world: World, ballots: int, members: int) -> None:
    orgs = [world.member, world.deputy, world.head]
    orgs += [ClusterMembershipFactory(cluster_year=world.cy).organization for _ in range(members)]
    for i in range(ballots):
        closed_ballot(
            world,
            title=f"Phiếu {i}",
            award_type="BK_TP_HN" if i else "CTD_CP",
            results=[(org, 2, 1, True, i == 0) for org in orgs],
        )
    closed_ballot(
        world,
        purpose=BallotPurpose.HEAD,
        award_type=None,
        results=[(world.deputy, 3, 0, True, True)],
    )


# session, user, the scoped year, the conference with its ballots and candidates, the
# nominations, next year, the permissions' lookups (the ballots' states), the next-year proposal
# (members, carry-overs): the same whatever the number of ballots, candidates and members
PAGE_QUERIES = 24


@pytest.mark.parametrize(("ballots", "members"), [(1, 0), (4, 6)])
def test_the_page_takes_the_same_number_of_queries_at_any_size(
    world: World, django_assert_num_queries: object, ballots: int, members: int
) -> None:
    _grow(world, ballots, members)
    client = client_for(world.board)
    with django_assert_num_queries(PAGE_QUERIES):  # type: ignore[operator]
        response = client.get(URL)
    assert response.status_code == 200
