"""The conference page's set-up forms: ballot rules table, weights, the secretary's account, the
committee's accounts, the agenda's conclusions; read-only to the others, 403/404 to strangers,
nothing changed by bad input, and a constant number of queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.helpers import fresh, make_conference, make_rules, mark_present
from thidua.awards.models import AwardType
from thidua.voting import services
from thidua.voting.models import (
    AgendaItem,
    BallotRule,
    Conference,
    CountingCommitteeMember,
    VotingRules,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/voting/HN-C06/2023/conference/"


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def award_id(code: str) -> int:
    return AwardType.objects.get(code=code).pk


def row(n: int, **values: Any) -> dict[str, Any]:
    return {f"rule-{n}-{name}": value for name, value in values.items()}


def flag_row(n: int, code: str = "CTD_CP", **changes: Any) -> dict[str, Any]:
    values = {
        "purpose": "acclaim",
        "award_type": award_id(code),
        "kind": "approve_reject",
        "seats": 1,
        "threshold_operator": "ge",
        "threshold_num": 2,
        "threshold_den": 3,
        "threshold_basis": "all",
        "source_text": "Điều 9 Quy chế",
    }
    return row(n, **{**values, **changes})


def management(total: int, initial: int = 0) -> dict[str, Any]:
    return {
        "rule-TOTAL_FORMS": total,
        "rule-INITIAL_FORMS": initial,
        "rule-MIN_NUM_FORMS": 0,
        "rule-MAX_NUM_FORMS": 30,
    }


def test_the_secretariat_saves_the_ballot_rules_table(world: World) -> None:
    make_rules(world)
    client = client_for(world.secretariat)
    data = {
        **management(3),
        **flag_row(0),
        **row(
            1,
            purpose="head",
            kind="single_choice",
            seats=1,
            threshold_operator="gt",
            threshold_num=1,
            threshold_den=2,
            threshold_basis="present",
            source_text="Điều 10",
        ),
        **row(2, seats="", threshold_num="", threshold_den="", source_text=""),  # blank row
    }
    response = client.post(URL + "rules/ballots/", data, follow=True)
    body = response.content.decode()
    assert "Đã lưu quy định bỏ phiếu." in body
    assert list(BallotRule.objects.order_by("pk").values_list("purpose", "seats")) == [
        ("acclaim", 1),
        ("head", 1),
    ]
    assert (
        "Cờ thi đua của Chính phủ: tối đa 1 đơn vị, tán thành ≥ 2/3 tổng số đơn vị thành viên "
        "— Điều 9 Quy chế" in body
    )
    assert "Bầu đơn vị trưởng năm sau: chọn một đơn vị, tán thành &gt; 1/2 số đơn vị có mặt" in body


def test_a_row_marked_for_removal_is_removed(world: World) -> None:
    make_rules(world)
    client = client_for(world.board)
    client.post(URL + "rules/ballots/", {**management(2), **flag_row(0), **flag_row(1, "TTLDXS")})
    assert BallotRule.objects.count() == 2
    data = {**management(2, 2), **flag_row(0), **flag_row(1, "TTLDXS"), "rule-1-DELETE": "on"}
    client.post(URL + "rules/ballots/", data)
    assert list(BallotRule.objects.values_list("award_type__code", flat=True)) == ["CTD_CP"]


@pytest.mark.parametrize(
    "bad",
    [
        {"threshold_num": 4},  # 4/3
        {"source_text": ""},
        {"award_type": ""},  # acclaim without an award
        {"award_type": 999999},  # not offered
        {"seats": 0},
    ],
)
def test_a_bad_row_changes_nothing(world: World, bad: dict[str, Any]) -> None:
    make_rules(world)
    client = client_for(world.secretariat)
    client.post(URL + "rules/ballots/", {**management(1), **flag_row(0, "TTLDXS")})
    response = client.post(
        URL + "rules/ballots/",
        {**management(2), **flag_row(0), **flag_row(1, **bad)},
        follow=True,
    )
    assert "Dòng" in response.content.decode()
    assert list(BallotRule.objects.values_list("award_type__code", flat=True)) == ["TTLDXS"]


def test_the_award_select_offers_the_collective_awards_of_the_province(world: World) -> None:
    make_rules(world)
    body = client_for(world.secretariat).get(URL).content.decode()
    select = re.search(r'<select name="rule-0-award_type".*?</select>', body, re.S)
    assert select is not None
    names = re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))
    assert "Cờ thi đua của UBND Thành phố" in names and "Cờ thi đua của Chính phủ" in names
    assert "Cờ thi đua của bộ, ban, ngành, tỉnh" not in names  # replaced in Hà Nội
    assert "Chiến sĩ thi đua cơ sở" not in names  # individual
    assert "Xã, phường, thị trấn (đặc khu) tiêu biểu" not in names  # from 2024


def test_more_blank_rows_on_request(world: World) -> None:
    make_rules(world)
    client = client_for(world.secretariat)
    body = client.get(URL + "?rows=3").content.decode()
    assert 'name="rule-TOTAL_FORMS" value="3"' in body
    assert 'href="?rows=4#h-ballot-rules"' in body
    assert 'name="rule-TOTAL_FORMS" value="1"' in client.get(URL + "?rows=x").content.decode()


def test_members_read_the_rules_in_words_without_forms(world: World) -> None:
    make_rules(world)
    client_for(world.board).post(URL + "rules/ballots/", {**management(1), **flag_row(0)})
    services.set_weights(
        cluster_year=fresh(world.cy), weights={world.head.code: 2}, user=world.board
    )
    body = client_for(world.officer).get(URL).content.decode()
    assert "Cờ thi đua của Chính phủ: tối đa 1 đơn vị" in body
    assert "Văn phòng UBND Thành phố: 2 phiếu" in body
    assert 'action="/voting/HN-C06/2023/conference/rules/ballots/"' not in body
    assert 'action="/voting/HN-C06/2023/conference/rules/weights/"' not in body


def test_without_ballot_rules_the_page_says_so(world: World) -> None:
    make_rules(world)
    body = client_for(world.officer).get(URL).content.decode()
    assert "Chưa có quy định bỏ phiếu" in body and "Mỗi đơn vị thành viên một phiếu." in body


def test_strangers_get_403_or_404_and_nothing_changes(world: World) -> None:
    make_rules(world)
    data = {**management(1), **flag_row(0)}
    assert client_for(world.officer).post(URL + "rules/ballots/", data).status_code == 403
    assert client_for(world.other_board).post(URL + "rules/ballots/", data).status_code == 404
    weights = {f"weight-{world.head.pk}": 3}
    assert client_for(world.leader).post(URL + "rules/weights/", weights).status_code == 403
    assert client_for(world.other_board).post(URL + "rules/weights/", weights).status_code == 404
    assert not BallotRule.objects.exists() and VotingRules.objects.get().weights == {}


def test_the_weights_form_saves_and_bad_weights_change_nothing(world: World) -> None:
    make_rules(world)
    client = client_for(world.secretariat)
    data = {f"weight-{world.head.pk}": 2, f"weight-{world.member.pk}": 1}
    assert (
        "Đã lưu số phiếu" in client.post(URL + "rules/weights/", data, follow=True).content.decode()
    )
    assert VotingRules.objects.get().weights == {world.head.code: 2}
    client.post(URL + "rules/weights/", {f"weight-{world.deputy.pk}": 0})
    client.post(URL + "rules/weights/", {f"weight-{world.deputy.pk}": "hai"})
    assert VotingRules.objects.get().weights == {world.head.code: 2}
    client.post(URL + "rules/weights/", {})
    assert VotingRules.objects.get().weights == {}


def test_a_new_rules_form_leaves_self_voting_undecided(world: World) -> None:
    client = client_for(world.secretariat)
    body = client.get(URL).content.decode()
    radios = re.findall(r'<input type="radio" name="self_vote_allowed"[^>]*>', body)
    assert len(radios) == 2 and not any("checked" in r for r in radios)
    assert "&gt; (trên, không tính bằng)" in body and "≥ (từ … trở lên)" in body
    data = {
        "source_text": "Điều 9",
        "quorum_operator": "ge",
        "quorum_num": 2,
        "quorum_den": 3,
        "quorum_basis": "all",
        "tie_break": "runoff",
    }
    client.post(URL + "rules/", data)
    assert not VotingRules.objects.exists()
    client.post(URL + "rules/", {**data, "self_vote_allowed": "no"})
    assert VotingRules.objects.get().self_vote_allowed is False
    radios = re.findall(
        r'<input type="radio" name="self_vote_allowed"[^>]*>', client.get(URL).content.decode()
    )
    assert ['value="no"' in r for r in radios if "checked" in r] == [True]


def test_the_secretary_account_is_chosen_on_the_page(world: World) -> None:
    make_conference(world)
    client = client_for(world.secretariat)
    body = client.get(URL).content.decode()
    select = re.search(r'<select name="secretary_user".*?</select>', body, re.S)
    assert select is not None
    assert "(officer) — Sở Nội vụ" in select.group(0) and "(outsider)" not in select.group(0)
    data = {"held_on": "20/12/2023", "secretary_user": world.officer.pk}
    client.post(URL + "save/", data)
    assert Conference.objects.get().secretary_user == world.officer
    assert "tài khoản Người dùng" in client_for(world.viewer).get(URL).content.decode()
    client.post(URL + "save/", {**data, "secretary_user": world.outsider.pk})
    assert Conference.objects.get().secretary_user == world.officer


def test_committee_lines_may_name_an_account(world: World) -> None:
    make_conference(world)
    client = client_for(world.secretariat)
    text = "Trần B; Phó Chánh Văn phòng; deputy_officer\nLê C; Chuyên viên"
    client.post(URL + "committee/", {"members": text})
    assert list(CountingCommitteeMember.objects.values_list("full_name", "user__username")) == [
        ("Trần B", "deputy_officer"),
        ("Lê C", None),
    ]
    body = client.get(URL).content.decode()
    assert "Trần B; Phó Chánh Văn phòng; deputy_officer" in body
    response = client.post(URL + "committee/", {"members": "X; ; outsider"}, follow=True)
    assert "Không có tài khoản outsider" in response.content.decode()
    assert CountingCommitteeMember.objects.count() == 2


def _in_session(world: World) -> AgendaItem:
    make_conference(world)
    make_rules(world)
    mark_present(world, world.head, world.deputy, world.member)
    services.open_session(cluster_year=fresh(world.cy), user=world.secretariat)
    return AgendaItem.objects.order_by("order").first()  # type: ignore[return-value]


def test_conclusions_are_written_in_session(world: World) -> None:
    item = _in_session(world)
    client = client_for(world.secretariat)
    action = f'action="{URL}agenda/{item.pk}/decision/"'
    assert action in client.get(URL).content.decode()
    assert action not in client_for(world.officer).get(URL).content.decode()
    response = client.post(
        URL + f"agenda/{item.pk}/decision/", {"decision_text": "Nhất trí"}, follow=True
    )
    assert "Kết luận: Nhất trí" in response.content.decode()
    assert (
        client_for(world.officer)
        .post(URL + f"agenda/{item.pk}/decision/", {"decision_text": "Khác"})
        .status_code
        == 403
    )
    assert (
        client_for(world.other_board)
        .post(URL + f"agenda/{item.pk}/decision/", {"decision_text": "Khác"})
        .status_code
        == 404
    )
    assert AgendaItem.objects.get(pk=item.pk).decision_text == "Nhất trí"


def test_conclusions_are_not_offered_before_the_session(world: World) -> None:
    make_conference(world)
    item = AgendaItem.objects.order_by("order").first()
    assert item is not None
    client = client_for(world.secretariat)
    body = client.get(URL).content.decode()
    assert "/decision/" not in body and "Chỉ ghi kết luận khi hội nghị đang họp." in body
    response = client.post(URL + f"agenda/{item.pk}/decision/", {"decision_text": "X"}, follow=True)
    assert "Chỉ ghi kết luận khi hội nghị đang họp." in response.content.decode()
    assert not AgendaItem.objects.filter(decided=True).exists()


# session, user, the year, the conference with committee (and accounts), agenda, attendance,
# members, rules, ballot rules, allowed awards, staff accounts, the permissions (the quorum is
# counted again to say why the session cannot open): the same for any number of rules and units;
# the members and the conference are read once, with the year, for the permissions and the page
SET_UP_QUERIES = 23  # + the agenda links (2) and the ballot-rule check of the record link


@pytest.mark.parametrize("size", [1, 6])
def test_the_page_with_rules_and_accounts_runs_constant_queries(
    world: World, size: int, django_assert_num_queries: Any
) -> None:
    for i in range(size * 2):
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=f"Sở {i:02d}")
    make_conference(world)
    make_rules(world)
    codes = ["CTD_CP", "CTD_TP_HN", "TTLDXS", "BK_TP_HN", "DVQT", "TTLDTT"][:size]
    client = client_for(world.secretariat)
    client.post(
        URL + "rules/ballots/",
        {
            **management(size),
            **{k: v for n, c in enumerate(codes) for k, v in flag_row(n, c).items()},
        },
    )
    assert BallotRule.objects.count() == size
    members = [m.organization for m in world.cy.memberships.all()]
    services.set_weights(
        cluster_year=fresh(world.cy), weights={m.code: 2 for m in members[:size]}, user=world.board
    )
    services.set_committee(
        cluster_year=fresh(world.cy),
        members=[services.CommitteeEntry(f"Người {i}", user=world.officer) for i in range(size)],
        user=world.board,
    )
    with django_assert_num_queries(SET_UP_QUERIES):
        assert client.get(URL).status_code == 200
