"""In the room: the voting cards page, the delegates' pages (no account) and the meeting screen —
who sees them, bad inputs that count nothing, and what is never kept (codes, receipts)."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tests.conftest import World
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from tests.voting.helpers import fresh
from tests.voting.room import CY_URL, DELEGATE, delegate_with, form_of, vote_url
from thidua.voting import seal, throttle
from thidua.voting.enums import BallotKind
from thidua.voting.models import Ballot, Eligibility, SealedBallot, VoterPass
from thidua.voting.room_views import SESSION_KEY
from thidua.voting.services import closing, passes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PASSES = CY_URL + "passes/"
SCREEN = CY_URL + "screen/"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def session_text(client: Client) -> str:
    return repr(dict(client.session.items()))


# --- voting cards -----------------------------------------------------------------------------


def test_the_secretariat_issues_cards_for_present_units_and_sees_each_code_once(
    world: World,
) -> None:
    in_session(world, present=[world.head, world.member])
    client = client_for(world.secretariat)
    assert "Cấp thẻ cho tất cả đơn vị có mặt" in client.get(PASSES).content.decode()

    response = client.post(PASSES + "issue/")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    shown = re.findall(r'class="pass-card-code">([0-9A-Z-]+)<', body)
    assert len(shown) == 2 and all(re.fullmatch(r"\w{4}-\w{4}-\w{4}", c) for c in shown)
    assert "/voting/p/" in body and "Sở Nội vụ" in body and "Sở Ngoại vụ" not in body
    assert {passes.find_pass(c).organization for c in shown} == {world.head, world.member}  # type: ignore[union-attr]
    # the codes live in that response only: not in the session, a message or the next page
    page = client.get(PASSES).content.decode()
    assert not any(seal.normalize(c) in session_text(client) + page for c in shown)
    assert not any(c in page for c in shown)


def test_reissuing_a_card_revokes_the_old_one_and_revoking_ends_it(world: World) -> None:
    in_session(world)
    old = cards(world)[world.member.pk].code
    client = client_for(world.secretariat)

    body = client.post(PASSES + "issue/", {"unit": world.member.pk}).content.decode()

    new = re.findall(r'class="pass-card-code">([0-9A-Z-]+)<', body)
    assert len(new) == 1 and passes.find_pass(old) is None
    assert re.search(r"đã cấp \d\d/\d\d/\d{4} \d\d:\d\d", client.get(PASSES).content.decode())
    assert passes.find_pass(new[0]).organization == world.member  # type: ignore[union-attr]
    response = client.post(PASSES + "revoke/", {"unit": world.member.pk}, follow=True)
    assert "Đã thu hồi thẻ biểu quyết của Sở Nội vụ." in response.content.decode()
    assert passes.find_pass(new[0]) is None


def test_cards_page_is_for_those_who_run_the_conference(world: World) -> None:
    in_session(world)
    assert client_for(world.officer).get(PASSES).status_code == 403
    assert client_for(world.officer).post(PASSES + "issue/").status_code == 403
    assert client_for(world.other_board).get(PASSES).status_code == 404
    assert client_for(world.other_board).post(PASSES + "revoke/").status_code == 404
    assert client_for(world.admin).get("/voting/HN-C06/1999/conference/passes/").status_code == 404
    assert client_for(world.board).get(PASSES).status_code == 200
    outsider_unit = {"unit": world.outsider_org.pk}
    assert client_for(world.board).post(PASSES + "issue/", outsider_unit).status_code == 404
    assert not VoterPass.objects.exists()


def test_no_cards_once_the_conference_is_closed(world: World) -> None:
    from thidua.voting import services

    in_session(world)
    services.close_session(cluster_year=fresh(world.cy), user=world.admin)
    client = client_for(world.secretariat)
    page = client.get(PASSES).content.decode()
    assert "Hội nghị đã bế mạc hoặc chưa được tạo." in page
    assert 'action="/voting/HN-C06/2023/conference/passes/issue/"' not in page
    response = client.post(PASSES + "issue/", follow=True)
    assert "Hội nghị đã bế mạc hoặc chưa được tạo." in response.content.decode()
    assert not VoterPass.objects.exists()


# --- delegates --------------------------------------------------------------------------------


def test_a_wrong_code_is_refused_clearly_and_too_many_block_the_address(world: World) -> None:
    in_session(world)
    code = cards(world)[world.member.pk].code
    client = Client()
    response = client.post(DELEGATE, {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 400
    assert "Mã thẻ không đúng hoặc thẻ đã bị thu hồi" in response.content.decode()
    assert SESSION_KEY not in client.session
    for _ in range(throttle.MAX_MISSES - 1):
        client.post(DELEGATE, {"code": "AAAA-BBBB-CCCC"})

    blocked = client.post(DELEGATE, {"code": code})

    assert blocked.status_code == 429
    assert "Nhập sai mã thẻ quá nhiều lần" in blocked.content.decode()
    assert SESSION_KEY not in client.session


def test_the_session_keeps_the_card_id_only(world: World) -> None:
    in_session(world)
    code = cards(world)[world.member.pk].code
    client = delegate_with(seal.show(code).lower())  # typed in lower case, with dashes
    assert dict(client.session.items()) == {
        SESSION_KEY: VoterPass.objects.get(revoked=False, organization=world.member).pk
    }
    assert code not in session_text(client)


def test_a_delegate_votes_and_sees_the_receipt_once(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    client = delegate_with(cards(world)[world.member.pk].code)
    page = client.get(DELEGATE).content.decode()
    assert ballot.title in page and "Tán thành" in page and "Không tán thành" in page
    data = form_of(page, ballot)
    data["c-" + uuid_of(ballot, world.member)] = "Y"

    response = client.post(vote_url(ballot), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Phiếu của đơn vị đã được ghi nhận" in body
    receipt = re.search(r'id="receipt">([0-9A-Z-]+)<', body)[1]  # type: ignore[index]
    assert re.fullmatch(r"\w{4}-\w{4}", receipt)
    assert (
        seal.normalize(receipt) not in session_text(client) + client.get(DELEGATE).content.decode()
    )
    assert SealedBallot.objects.filter(ballot=ballot).count() == 1
    closed = closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    from thidua.voting.models import CastBallot

    assert CastBallot.objects.get(ballot=closed).receipt == seal.normalize(receipt)


def test_a_second_tab_posting_the_same_form_is_refused_and_counts_nothing(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    client = delegate_with(cards(world)[world.head.pk].code)
    data = form_of(client.get(DELEGATE).content.decode(), ballot)
    assert client.post(vote_url(ballot), data).status_code == 200

    again = client.post(vote_url(ballot), data)

    assert again.status_code == 409
    assert "Đơn vị đã bỏ phiếu" in again.content.decode()
    assert SealedBallot.objects.filter(ballot=ballot).count() == 1
    page = client.get(DELEGATE).content.decode()
    assert "Đơn vị đã bỏ phiếu nội dung này." in page and vote_url(ballot) not in page


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("receipt", "mã phiếu bị sửa"),
        ("stranger", "không thuộc danh sách"),
        ("mark", "Lựa chọn không hợp lệ"),
    ],
)
def test_bad_votes_are_refused_and_count_nothing(world: World, tamper: str, message: str) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    client = delegate_with(cards(world)[world.head.pk].code)
    data = form_of(client.get(DELEGATE).content.decode(), ballot)
    if tamper == "receipt":
        data["receipt"] = data["receipt"][:-2] + ("AA" if data["receipt"][-2:] != "AA" else "BB")
    elif tamper == "stranger":
        data["c-00000000-0000-4000-8000-000000000000"] = "Y"
    else:
        data["c-" + uuid_of(ballot, world.member)] = "maybe"

    response = client.post(vote_url(ballot), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SealedBallot.objects.exists()
    assert not Eligibility.objects.filter(voted=True).exists()


def test_a_receipt_signed_for_another_question_is_refused(world: World) -> None:
    in_session(world)
    first = open_ballot(world, [world.member])
    second = open_ballot(world, [world.deputy])
    client = delegate_with(cards(world)[world.head.pk].code)
    page = client.get(DELEGATE).content.decode()
    data = form_of(page, second)
    data["receipt"] = form_of(page, first)["receipt"]
    assert client.post(vote_url(second), data).status_code == 400
    assert not SealedBallot.objects.exists()


def test_voting_after_close_is_refused(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    client = delegate_with(cards(world)[world.head.pk].code)
    data = form_of(client.get(DELEGATE).content.decode(), ballot)
    closing.close_ballot(ballot=ballot, user=world.admin)

    response = client.post(vote_url(ballot), data)

    assert response.status_code == 400
    assert "Phiếu không trong thời gian bỏ phiếu." in response.content.decode()
    assert not Eligibility.objects.filter(voted=True).exists()


def test_a_revoked_card_is_forgotten_and_leaving_forgets_the_card(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    client = delegate_with(cards(world)[world.head.pk].code)
    data = form_of(client.get(DELEGATE).content.decode(), ballot)
    passes.revoke_pass(cluster_year=fresh(world.cy), organization=world.head, user=world.admin)
    assert client.post(vote_url(ballot), data).status_code == 403
    assert "Thẻ biểu quyết đã bị thu hồi" in client.get(DELEGATE).content.decode()
    assert SESSION_KEY not in client.session

    other = delegate_with(cards(world)[world.member.pk].code)
    assert other.post(DELEGATE + "leave/").status_code == 302
    assert SESSION_KEY not in other.session
    assert 'name="code"' in other.get(DELEGATE).content.decode()


def test_a_ballot_of_another_conference_is_404(world: World) -> None:
    in_session(world)
    client = delegate_with(cards(world)[world.head.pk].code)
    assert (
        client.post(DELEGATE + "ballots/00000000-0000-4000-8000-000000000000/").status_code == 404
    )


def test_the_form_sends_one_field_per_candidate_and_the_answer_has_a_fixed_shape(
    world: World,
) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy, world.head])
    codes = cards(world)
    sizes = []
    for unit, mark in ((world.head, "Y"), (world.deputy, "N"), (world.member, "-")):
        client = delegate_with(codes[unit.pk].code)
        data = form_of(client.get(DELEGATE).content.decode(), ballot)
        assert sorted(k for k in data if k.startswith("c-")) == sorted(
            "c-" + uuid_of(ballot, u) for u in (world.member, world.deputy, world.head)
        )
        data = {k: (mark if k.startswith("c-") else v) for k, v in data.items()}
        body = client.post(vote_url(ballot), data).content.decode()
        sizes.append(len(body) - len(unit.name))
    assert len(set(sizes)) == 1


def test_choose_k_and_single_choice_forms(world: World) -> None:
    in_session(world, kind=BallotKind.CHOOSE_K, seats=2)
    ballot = open_ballot(world, [world.member, world.deputy, world.head])
    client = delegate_with(cards(world)[world.head.pk].code)
    page = client.get(DELEGATE).content.decode()
    assert "Chọn tối đa 2 đơn vị" in page and page.count('type="checkbox"') == 3
    data = form_of(page, ballot)
    for unit in (world.member, world.deputy, world.head):
        data["c-" + uuid_of(ballot, unit)] = ["-", "Y"]  # no script: the blank and the box
    response = client.post(vote_url(ballot), data)
    assert response.status_code == 400 and "tối đa 2" in response.content.decode()
    data["c-" + uuid_of(ballot, world.head)] = "-"
    assert client.post(vote_url(ballot), data).status_code == 200
    Ballot.objects.filter(pk=ballot.pk).update(kind=BallotKind.SINGLE_CHOICE, seats=1)
    other = delegate_with(cards(world)[world.member.pk].code)
    page = other.get(DELEGATE).content.decode()
    assert "Chọn một đơn vị" in page
    data = form_of(page, ballot)
    data["pick"] = uuid_of(ballot, world.deputy)
    assert other.post(vote_url(ballot), data).status_code == 200
    Ballot.objects.filter(pk=ballot.pk).update(kind=BallotKind.CHOOSE_K, seats=2)
    closed = closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    assert closed.candidates.get(organization=world.deputy).yes_weight == 2


def test_no_code_receipt_or_choice_reaches_the_logs_the_audit_or_the_notices(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    from thidua.audit.models import AuditEvent
    from thidua.notifications.models import Notification

    caplog.set_level(logging.DEBUG)
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    body = client_for(world.secretariat).post(PASSES + "issue/").content.decode()
    codes = [seal.normalize(c) for c in re.findall(r'class="pass-card-code">([0-9A-Z-]+)<', body)]
    client = delegate_with(codes[0])
    data = form_of(client.get(DELEGATE).content.decode(), ballot)
    secret_uuid = uuid_of(ballot, world.deputy)
    data["c-" + secret_uuid] = "N"
    done = client.post(vote_url(ballot), data).content.decode()
    receipt = seal.normalize(re.search(r'id="receipt">([0-9A-Z-]+)<', done)[1])  # type: ignore[index]
    client.post(vote_url(ballot), data)  # a second tab: a refusal in the logs

    trail = " ".join(
        repr((e.action, e.object_repr, e.before, e.after, e.note)) for e in AuditEvent.objects.all()
    )
    trail += " ".join(repr((n.title, n.body, n.link)) for n in Notification.objects.all())
    trail += " ".join(r.getMessage() + repr(r.args) for r in caplog.records)
    for secret in [*codes, *(seal.show(c) for c in codes), receipt, seal.show(receipt)]:
        assert secret not in trail
    assert secret_uuid not in trail and data["receipt"] not in trail
    assert "voting.passes_issued" in trail and "voting.unit_voted" in trail


# --- the meeting screen -----------------------------------------------------------------------


def test_the_screen_counts_votes_and_shows_the_result_only_after_close(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    client = delegate_with(cards(world)[world.head.pk].code)
    data = form_of(client.get(DELEGATE).content.decode(), ballot)
    data["c-" + uuid_of(ballot, world.member)] = "Y"
    client.post(vote_url(ballot), data)
    viewer = client_for(world.officer)

    page = viewer.get(SCREEN).content.decode()
    state = viewer.get(SCREEN + "state/").content.decode()

    assert 'hx-trigger="every 3s"' in page and "Mất kết nối — đang thử lại" in page
    for body in (page, state):
        assert "Đã bỏ phiếu 1/3" in body and ballot.title in body and "Sở Ngoại vụ" in body
        assert 'id="screen-results"' not in body and "trúng" not in body
    closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    state = viewer.get(SCREEN + "state/").content.decode()
    assert 'id="screen-results"' in state
    assert "33,33%" in state and "≥ 2/3" in state and "Quy chế hoạt động Cụm, Điều 9" in state
    assert "không đạt" in state


def test_the_screen_picks_a_ballot_and_shows_the_open_one_by_default(world: World) -> None:
    in_session(world)
    first = open_ballot(world, [world.member])
    closing.close_ballot(ballot=first, user=world.admin)
    second = open_ballot(world, [world.deputy])
    viewer = client_for(world.viewer)
    assert second.title in viewer.get(SCREEN + "state/").content.decode()
    picked = viewer.get(SCREEN, {"ballot": str(first.uuid)}).content.decode()
    assert f"?ballot={first.uuid}" in picked and 'id="screen-results"' in picked


def test_the_screen_is_for_those_who_see_the_year(world: World) -> None:
    in_session(world)
    assert client_for(world.other_board).get(SCREEN).status_code == 404
    assert client_for(world.other_board).get(SCREEN + "state/").status_code == 404
    assert Client().get(SCREEN).status_code == 302  # to the login page
    assert Client().get(SCREEN + "state/").status_code == 404  # a lost session: keep polling
    assert "Chưa có nội dung nào" in client_for(world.viewer).get(SCREEN).content.decode()


# --- query counts -----------------------------------------------------------------------------


def _grow(world: World, extra: int) -> None:
    from tests.factories import ClusterMembershipFactory

    for i in range(extra):
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=f"Đơn vị thêm {i}")


@pytest.mark.parametrize("extra", [0, 6])
def test_room_pages_take_a_constant_number_of_queries(
    world: World, extra: int, django_assert_num_queries: Any
) -> None:
    _grow(world, extra)
    in_session(world)
    ballot = open_ballot(world, members(world))
    other = open_ballot(world, members(world)[:2])
    delegate = delegate_with(cards(world)[world.head.pk].code)
    data = form_of(delegate.get(DELEGATE).content.decode(), ballot)
    delegate.post(vote_url(ballot), data)
    viewer, secretariat = client_for(world.officer), client_for(world.secretariat)
    # session, the card, the open questions with their candidates, the unit's roll lines
    with django_assert_num_queries(5):
        assert delegate.get(DELEGATE).status_code == 200
    # session, user, the year, its scope, the conference, the questions, the candidates, X/Y
    with django_assert_num_queries(8):
        assert viewer.get(SCREEN).status_code == 200
    with django_assert_num_queries(8):
        assert viewer.get(SCREEN + "state/").status_code == 200
    with django_assert_num_queries(7):
        assert secretariat.get(PASSES).status_code == 200
    closing.close_ballot(ballot=other, user=world.admin)
    with django_assert_num_queries(9):  # and the scope of the results
        assert viewer.get(SCREEN, {"ballot": str(other.uuid)}).status_code == 200
