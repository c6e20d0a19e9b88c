"""Browser: the decisive half of a conference. Units have voted (secretly, through the services
as the delegates' phones do); the secretary closes each question on its page, the public board
recounts, the board officer records the acclaimed unit as a nomination, prints the minutes and
opens next year with the elected head and deputy. axe on every page on the way."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import World, assert_accessible, login
from tests.voting.ballots import cards, in_session, members, open_ballot, rule, uuid_of
from tests.voting.helpers import fresh
from thidua.awards.models import AwardNomination
from thidua.clusters.models import ClusterYear
from thidua.voting import seal
from thidua.voting.enums import BallotKind, BallotPurpose
from thidua.voting.models import Ballot
from thidua.voting.services import casting
from thidua.voting.services.passes import find_pass

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONF = "/voting/HN-C06/2023/conference/"


def _vote_all(world: World, ballot: Ballot, yes_to: Any) -> None:
    codes = cards(world)
    for unit in members(world):
        voter_pass = find_pass(codes[unit.pk].code)
        assert voter_pass is not None
        casting.cast(
            voter_pass=voter_pass,
            ballot=Ballot.objects.get(pk=ballot.pk),
            marks={uuid_of(ballot, yes_to): "Y"},
            receipt=seal.new_receipt(),
            user=AnonymousUser(),
        )


def _close_on_its_page(page: Any, ballot: Ballot) -> None:
    page.goto(f"{CONF}ballots/{ballot.uuid}/")
    page.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    page.get_by_text("Bảng công khai phiếu").first.wait_for()


def test_from_closing_the_ballots_to_next_year(page: Any, live_server: Any, world: World) -> None:
    in_session(world)  # acclamation for the Government flag: approve/reject, ≥ 2/3 of members
    for purpose in (BallotPurpose.HEAD, BallotPurpose.DEPUTY):
        rule(world, purpose=purpose, award_code=None, kind=BallotKind.SINGLE_CHOICE)
    flag = open_ballot(world, [world.member])
    _vote_all(world, flag, world.member)
    head = open_ballot(world, [world.member, world.deputy], purpose=BallotPurpose.HEAD)
    _vote_all(world, head, world.member)
    deputy = open_ballot(world, [world.deputy, world.head], purpose=BallotPurpose.DEPUTY)
    _vote_all(world, deputy, world.deputy)

    login(page, "secretariat")
    page.goto(f"{CONF}ballots/{flag.uuid}/")
    assert "Đã bỏ phiếu 3/3" in page.locator("main").inner_text()
    assert "Được suy tôn" not in page.locator("main").inner_text()  # no result before close
    assert_accessible(page)
    for ballot in (flag, head, deputy):
        _close_on_its_page(page, ballot)
    assert "Trúng cử" in page.locator("main").inner_text()  # the deputy's page, last closed
    assert_accessible(page)
    page.goto(f"{CONF}ballots/{flag.uuid}/board/")
    assert page.locator("tbody tr").count() == len(members(world))
    assert_accessible(page)
    page.goto(f"{CONF}ballots/{flag.uuid}/verify/")
    assert "khớp" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "board")
    page.goto(f"{CONF}outcomes/")
    assert_accessible(page)
    page.get_by_role("button", name="Ghi nhận đề nghị khen thưởng").click()
    page.wait_for_url(f"**{CONF}outcomes/")
    nomination = AwardNomination.objects.get(cluster_year=world.cy)
    assert (nomination.organization, nomination.votes_for) == (world.member, 3)
    for kind in ("vote-count-minutes", "conference-minutes"):
        response = page.request.get(f"/documents/{kind}/HN-C06/2023.pdf")
        assert response.status == 200 and response.body().startswith(b"%PDF")

    assert page.locator("#elected-head").inner_text() == world.member.name
    page.get_by_role("button", name="Mở năm 2024").click()
    page.get_by_text("Năm 2024 đã được mở.").wait_for()
    assert_accessible(page)
    opened = ClusterYear.objects.get(cluster=world.cy.cluster, year=2024)
    assert (opened.head, opened.deputy) == (world.member, world.deputy)
    assert "Biên bản hội nghị tổng kết" in opened.head_decision_ref
    assert fresh(world.cy).memberships.count() == opened.memberships.count()
