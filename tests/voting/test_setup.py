"""Setting the conference up: ballot rules and weights as data, the secretary's and the
committee's accounts, the agenda's conclusions, the rule of a ballot, the copy to next year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.factories import UserFactory
from tests.voting.helpers import fresh, make_conference, make_rules, mark_present
from thidua.accounts.enums import Role
from thidua.audit.models import AuditEvent
from thidua.awards.models import AwardType
from thidua.clusters.services import open_next_year
from thidua.voting import services
from thidua.voting.enums import BallotKind, BallotPurpose, Operator, QuorumBasis
from thidua.voting.models import (
    AgendaItem,
    BallotRule,
    Conference,
    CountingCommitteeMember,
    VotingRules,
)
from thidua.voting.selectors import describe_rule, rule_for, staff_users

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def award(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def flag_rule(**changes: Any) -> services.BallotRuleEntry:
    values: dict[str, Any] = {
        "purpose": BallotPurpose.ACCLAIM,
        "award_type": award("CTD_CP"),
        "kind": BallotKind.APPROVE_REJECT,
        "seats": 1,
        "threshold_basis": QuorumBasis.ALL,
        "threshold_operator": Operator.GE,
        "threshold_num": 2,
        "threshold_den": 3,
        "source_text": "Điều 9 Quy chế",
    }
    return services.BallotRuleEntry(**{**values, **changes})


def head_rule() -> services.BallotRuleEntry:
    return flag_rule(
        purpose=BallotPurpose.HEAD,
        award_type=None,
        kind=BallotKind.SINGLE_CHOICE,
        threshold_basis=QuorumBasis.PRESENT,
        threshold_operator=Operator.GT,
        threshold_num=1,
        threshold_den=2,
        source_text="Điều 10 Quy chế",
    )


def set_rules(world: World, *entries: services.BallotRuleEntry, user: Any = None) -> Any:
    return services.set_ballot_rules(
        cluster_year=fresh(world.cy), entries=list(entries), user=user or world.secretariat
    )


# ---------------------------------------------------------------- ballot rules


def test_the_secretariat_sets_the_ballot_rules_and_they_read_in_words(world: World) -> None:
    make_rules(world)
    set_rules(world, flag_rule(), head_rule())
    flag = rule_for(world.cy, BallotPurpose.ACCLAIM, award("CTD_CP"))
    head = rule_for(world.cy, BallotPurpose.HEAD, None)
    assert flag is not None and head is not None
    assert describe_rule(flag) == (
        "Cờ thi đua của Chính phủ: tối đa 1 đơn vị, tán thành ≥ 2/3 tổng số đơn vị thành viên "
        "— Điều 9 Quy chế"
    )
    assert describe_rule(head) == (
        "Bầu đơn vị trưởng năm sau: chọn một đơn vị, tán thành > 1/2 số đơn vị có mặt "
        "— Điều 10 Quy chế"
    )
    assert rule_for(world.cy, BallotPurpose.DEPUTY, None) is None
    assert rule_for(world.cy, BallotPurpose.ACCLAIM, award("TTLDXS")) is None
    event = AuditEvent.objects.get(action="voting.ballot_rules_set")
    assert (event.before["rules"], len(event.after["rules"])) == ([], 2)


def test_setting_the_rules_again_replaces_them(world: World) -> None:
    make_rules(world)
    set_rules(world, flag_rule(), head_rule())
    set_rules(world, flag_rule(seats=2, award_type=award("CTD_TP_HN")))
    assert list(BallotRule.objects.values_list("award_type__code", "seats")) == [("CTD_TP_HN", 2)]
    assert set_rules(world) == [] and not BallotRule.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"threshold_num": 4, "threshold_den": 3}, "phân số từ 1/3 đến 1"),
        ({"threshold_num": 0}, "phân số"),
        ({"seats": 0}, "số đơn vị tối đa"),
        ({"kind": BallotKind.SINGLE_CHOICE, "seats": 2}, "chọn một: đúng 1"),
        ({"award_type": None}, "cần chọn danh hiệu"),
        ({"source_text": "  "}, "căn cứ"),
        ({"threshold_operator": "eq"}, "không hợp lệ"),
    ],
)
def test_bad_ballot_rules_change_nothing(world: World, changes: dict, message: str) -> None:
    make_rules(world)
    set_rules(world, head_rule())
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=message):
        set_rules(world, flag_rule(**changes))
    assert list(BallotRule.objects.values_list("purpose", flat=True)) == ["head"]
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    "code",
    [
        "CSTDCS",  # an individual title
        "CTD_TINH",  # replaced in Hà Nội by the city's own flag
        "XA_TIEU_BIEU",  # not in force in 2023
    ],
)
def test_only_a_collective_award_in_force_in_the_province_that_year(
    world: World, code: str
) -> None:
    make_rules(world)
    with pytest.raises(ValidationError, match="không phải danh hiệu, hình thức tập thể"):
        set_rules(world, flag_rule(award_type=award(code)))
    assert not BallotRule.objects.exists()


def test_an_election_has_no_award_and_a_rule_is_not_given_twice(world: World) -> None:
    make_rules(world)
    with pytest.raises(ValidationError, match="chỉ nội dung suy tôn"):
        set_rules(world, flag_rule(purpose=BallotPurpose.HEAD))
    with pytest.raises(ValidationError, match="trùng"):
        set_rules(world, flag_rule(), flag_rule(seats=2))
    assert not BallotRule.objects.exists()


def test_ballot_rules_need_the_rules_first(world: World) -> None:
    with pytest.raises(ValidationError, match="Nhập quy chế bình xét"):
        set_rules(world, flag_rule())


@pytest.mark.parametrize("persona", ["officer", "leader", "viewer", "council", "other_board"])
def test_others_may_not_set_ballot_rules_or_weights(world: World, persona: str) -> None:
    make_rules(world)
    user = world.user(persona)
    with pytest.raises(PermissionDenied):
        set_rules(world, flag_rule(), user=user)
    with pytest.raises(PermissionDenied):
        services.set_weights(cluster_year=fresh(world.cy), weights={}, user=user)
    assert not BallotRule.objects.exists()


def test_ballot_rules_are_frozen_once_the_session_opens(world: World) -> None:
    make_conference(world)
    make_rules(world)
    mark_present(world, world.head, world.deputy, world.member)
    services.open_session(cluster_year=fresh(world.cy), user=world.board)
    with pytest.raises(PermissionDenied, match="đã khai mạc"):
        set_rules(world, flag_rule(), user=world.board)
    with pytest.raises(PermissionDenied, match="đã khai mạc"):
        services.set_weights(
            cluster_year=fresh(world.cy), weights={world.head.code: 2}, user=world.board
        )


# ---------------------------------------------------------------- weights


def test_weights_are_kept_by_unit_code_and_ones_are_left_out(world: World) -> None:
    make_rules(world)
    rules = services.set_weights(
        cluster_year=fresh(world.cy),
        weights={world.head.code: 2, world.member.code: 1},
        user=world.secretariat,
    )
    assert rules.weights == {world.head.code: 2}
    event = AuditEvent.objects.get(action="voting.weights_set")
    assert (event.before, event.after) == ({}, {world.head.code: 2})
    services.set_weights(cluster_year=fresh(world.cy), weights={}, user=world.secretariat)
    assert VotingRules.objects.get().weights == {}


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"NOT-A-MEMBER": 2}, "Không phải đơn vị thành viên năm này: NOT-A-MEMBER"),
        ({"HEAD": 0}, "từ 1 trở lên"),
        ({"HEAD": -1}, "từ 1 trở lên"),
        ({"HEAD": True}, "từ 1 trở lên"),
    ],
)
def test_bad_weights_change_nothing(world: World, weights: dict, message: str) -> None:
    make_rules(world)
    services.set_weights(
        cluster_year=fresh(world.cy), weights={world.deputy.code: 3}, user=world.board
    )
    weights = {world.head.code if k == "HEAD" else k: v for k, v in weights.items()}
    with pytest.raises(ValidationError, match=message):
        services.set_weights(cluster_year=fresh(world.cy), weights=weights, user=world.board)
    assert VotingRules.objects.get().weights == {world.deputy.code: 3}


def test_the_outsiders_unit_is_not_a_member(world: World) -> None:
    make_rules(world)
    with pytest.raises(ValidationError, match=world.outsider_org.code):
        services.set_weights(
            cluster_year=fresh(world.cy), weights={world.outsider_org.code: 2}, user=world.board
        )


# ---------------------------------------------------------------- secretary and committee


def test_the_secretary_account_is_chosen_among_the_years_people(world: World) -> None:
    make_conference(world)
    services.update_conference(
        cluster_year=fresh(world.cy), secretary_user=world.officer, user=world.secretariat
    )
    assert Conference.objects.get().secretary_user == world.officer
    staff = set(staff_users(world.cy))
    assert {world.officer, world.secretariat, world.board, world.deputy_officer} <= staff
    assert not {world.outsider, world.other_board, world.viewer, world.council} & staff


@pytest.mark.parametrize("persona", ["outsider", "other_board", "viewer"])
def test_a_secretary_from_outside_the_year_is_refused(world: World, persona: str) -> None:
    make_conference(world)
    with pytest.raises(ValidationError, match="Tài khoản thư ký"):
        services.update_conference(
            cluster_year=fresh(world.cy), secretary_user=world.user(persona), user=world.board
        )
    assert Conference.objects.get().secretary_user is None


def test_an_inactive_account_cannot_be_secretary(world: World) -> None:
    make_conference(world)
    gone = UserFactory(role=Role.UNIT_OFFICER, organization=world.member, is_active=False)
    with pytest.raises(ValidationError):
        services.update_conference(
            cluster_year=fresh(world.cy), secretary_user=gone, user=world.board
        )


def test_a_committee_member_may_have_an_account(world: World) -> None:
    make_conference(world)
    services.set_committee(
        cluster_year=fresh(world.cy),
        members=[
            services.CommitteeEntry("Trần B", role="head", user=world.deputy_officer),
            services.CommitteeEntry("Lê C"),
        ],
        user=world.secretariat,
    )
    assert list(CountingCommitteeMember.objects.values_list("full_name", "user__username")) == [
        ("Trần B", "deputy_officer"),
        ("Lê C", None),
    ]
    with pytest.raises(ValidationError, match="Tài khoản của thành viên"):
        services.set_committee(
            cluster_year=fresh(world.cy),
            members=[services.CommitteeEntry("X", user=world.outsider)],
            user=world.secretariat,
        )
    assert CountingCommitteeMember.objects.count() == 2


# ---------------------------------------------------------------- conclusions


def _in_session(world: World) -> AgendaItem:
    make_conference(world)
    make_rules(world)
    mark_present(world, world.head, world.deputy, world.member)
    services.open_session(cluster_year=fresh(world.cy), user=world.secretariat)
    return AgendaItem.objects.order_by("order").first()  # type: ignore[return-value]


def test_the_conclusion_of_an_item_is_recorded_in_session(world: World) -> None:
    item = _in_session(world)
    services.record_decision(
        cluster_year=fresh(world.cy),
        item_id=item.pk,
        decision_text=" Nhất trí thông qua báo cáo. ",
        user=world.secretariat,
    )
    item.refresh_from_db()
    assert (item.decision_text, item.decided) == ("Nhất trí thông qua báo cáo.", True)
    event = AuditEvent.objects.get(action="voting.decision_recorded")
    assert event.after == {"decision_text": "Nhất trí thông qua báo cáo.", "decided": True}
    services.record_decision(
        cluster_year=fresh(world.cy), item_id=item.pk, decision_text="", user=world.board
    )
    item.refresh_from_db()
    assert (item.decision_text, item.decided) == ("", False)


def test_the_named_secretary_records_conclusions_too(world: World) -> None:
    item = _in_session(world)
    services.update_conference(
        cluster_year=fresh(world.cy), secretary_user=world.officer, user=world.secretariat
    )
    services.record_decision(
        cluster_year=fresh(world.cy), item_id=item.pk, decision_text="Nhất trí", user=world.officer
    )
    with pytest.raises(PermissionDenied):
        services.record_decision(
            cluster_year=fresh(world.cy), item_id=item.pk, decision_text="X", user=world.leader
        )
    assert AgendaItem.objects.get(pk=item.pk).decision_text == "Nhất trí"


def test_no_conclusion_before_the_session_or_for_another_years_item(world: World) -> None:
    make_conference(world)
    item = AgendaItem.objects.order_by("order").first()
    assert item is not None
    with pytest.raises(PermissionDenied, match="đang họp"):
        services.record_decision(
            cluster_year=fresh(world.cy), item_id=item.pk, decision_text="X", user=world.board
        )
    make_conference(world, world.other_cy)
    other = AgendaItem.objects.filter(conference__cluster_year=world.other_cy).first()
    assert other is not None
    _open(world)
    with pytest.raises(ValidationError, match="Không có nội dung này"):
        services.record_decision(
            cluster_year=fresh(world.cy), item_id=other.pk, decision_text="X", user=world.board
        )
    assert not AgendaItem.objects.filter(decided=True).exists()


def _open(world: World) -> Conference:
    make_rules(world)
    mark_present(world, world.head, world.deputy, world.member)
    return services.open_session(cluster_year=fresh(world.cy), user=world.secretariat)


# ---------------------------------------------------------------- next year


def test_opening_next_year_copies_the_rules_weights_and_ballot_rules(world: World) -> None:
    make_rules(world)
    gone = AwardType.objects.create(
        code="CO_CU",
        name="Cờ cũ",
        category="title",
        subject="collective",
        level="province",
        effective_from=dt.date(2004, 1, 1),
        effective_to=dt.date(2023, 12, 31),
    )
    set_rules(world, flag_rule(), head_rule(), flag_rule(award_type=gone))
    services.set_weights(
        cluster_year=fresh(world.cy),
        weights={world.head.code: 2, world.member.code: 3},
        user=world.board,
    )
    new = open_next_year(
        cluster_year=fresh(world.cy),
        members=[world.head, world.deputy],
        carryovers=["voting.rules"],
        user=world.board,
    )
    copied = VotingRules.objects.get(cluster_year=new)
    assert (copied.source_text, copied.quorum_num, copied.quorum_den) == (
        "Quy chế hoạt động, Điều 9",
        2,
        3,
    )
    assert copied.weights == {world.head.code: 2}  # Sở Nội vụ is no longer a member
    assert sorted(copied.ballot_rules.values_list("purpose", "award_type__code")) == [
        ("acclaim", "CTD_CP"),
        ("head", None),
    ]
    assert VotingRules.objects.get(cluster_year=world.cy).ballot_rules.count() == 3


def test_the_carry_over_is_offered_only_when_there_are_rules(world: World) -> None:
    from thidua.clusters.carryovers import CARRYOVERS

    entry = CARRYOVERS.get("voting.rules")
    assert entry is not None
    assert entry.describe(fresh(world.cy), 2024) is None
    make_rules(world)
    set_rules(world, flag_rule())
    assert "Quy chế hoạt động, Điều 9" in str(entry.describe(fresh(world.cy), 2024))
    assert "1 quy định bỏ phiếu" in str(entry.describe(fresh(world.cy), 2024))
