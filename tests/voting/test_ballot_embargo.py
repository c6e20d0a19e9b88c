"""The results embargo (design §4, §6): before the secretary closes a question, its page shows
no result, and the board, ``board.json``, the recount page and ``thidua ballot show`` give
nothing — to a system administrator, a board officer and the conference secretary alike."""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import World
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from tests.voting.test_ballot_flow import vote
from thidua.voting.models import Ballot, Conference
from thidua.voting.services import casting, closing

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERSONAS = ["admin", "board", "secretariat"]


def _voted(world: World) -> tuple[Ballot, list[str]]:
    in_session(world)
    Conference.objects.update(secretary_user=world.secretariat)  # the conference's secretary
    ballot = open_ballot(world, [world.member, world.deputy], mode="mixed")
    codes = cards(world)
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    units = members(world)
    receipts = [
        vote(ballot, codes[units[0].pk].code, {m: "Y", d: "N"}),
        vote(ballot, codes[units[1].pk].code, {m: "Y", d: "Y"}),
    ]
    casting.enter_paper_tally(
        ballot=ballot,
        entry=casting.PaperEntry(1, 1, 0, {m: (1, 0), d: (0, 1)}, [units[2]]),
        user=world.admin,
    )
    return Ballot.objects.get(pk=ballot.pk), receipts


def _url(ballot: Ballot, tail: str = "") -> str:
    return f"/voting/HN-C06/2023/conference/ballots/{ballot.uuid}/{tail}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_nothing_of_the_result_shows_before_the_close(world: World, persona: str) -> None:
    ballot, receipts = _voted(world)
    client = Client()
    client.force_login(world.user(persona))

    page = client.get(_url(ballot)).content.decode()
    assert "Đã bỏ phiếu 3/3" in page  # who voted is public; what they voted is not
    assert 'id="ballot-outcome"' not in page and "Kết quả chỉ được công bố" in page
    assert "Tán thành</th>" not in page and "Bảng công khai phiếu" not in page
    # the paper counts entered are not shown back before the close
    assert not re.search(r'name="(yes|no)-[0-9a-f-]+" value="[1-9]', page)

    board = client.get(_url(ballot, "board/")).content.decode()
    assert "Chưa kết thúc bỏ phiếu" in board and 'id="board-rows"' not in board
    found = client.post(_url(ballot, "board/"), {"receipt": receipts[0]}).content.decode()
    assert 'id="found"' not in found and receipts[0][:4] not in found
    assert client.get(_url(ballot, "board.json")).status_code == 404
    verify = client.get(_url(ballot, "verify/")).content.decode()
    assert "Chưa kết thúc bỏ phiếu" in verify and "Kiểm lại: khớp" not in verify

    for args in (["show", str(ballot.uuid)], ["verify", str(ballot.uuid)]):
        with pytest.raises(CommandError, match="Chưa kết thúc bỏ phiếu"):
            call_command("ballot", *args)


@pytest.mark.parametrize("persona", PERSONAS)
def test_after_the_close_the_same_people_read_it(world: World, persona: str) -> None:
    ballot, receipts = _voted(world)
    closing.close_ballot(ballot=ballot, user=world.secretariat)
    client = Client()
    client.force_login(world.user(persona))
    assert 'id="ballot-outcome"' in client.get(_url(ballot)).content.decode()
    board = client.get(_url(ballot, "board/")).content.decode()
    assert 'id="board-rows"' in board and receipts[0][:4] in board
    assert client.get(_url(ballot, "board.json")).status_code == 200
    assert "Kiểm lại: khớp" in client.get(_url(ballot, "verify/")).content.decode()
