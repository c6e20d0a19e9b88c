"""Carrying the conference's results on: acclaimed units become award nominations with their
vote, the elected head and deputy open next year; bad input and the wrong person change
nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from tests.voting.closed import SOURCE, closed_ballot
from tests.voting.helpers import HELD_ON, fresh
from tests.voting.test_ballot_flow import vote
from thidua.audit.models import AuditEvent
from thidua.awards.models import AwardNomination, AwardType
from thidua.awards.selectors import nominations_of_year
from thidua.awards.services import record_nomination, withdraw_nomination
from thidua.clusters.models import ClusterYear
from thidua.voting.enums import BallotOutcome, BallotPurpose, BallotState
from thidua.voting.models import Ballot, Conference
from thidua.voting.services import closing
from thidua.voting.services.outcomes import apply_acclamations, open_next_year_from_election

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _flag_to_member(world: World) -> None:
    closed_ballot(
        world,
        results=[(world.member, 3, 0, True, True), (world.deputy, 1, 2, False, False)],
    )


def _election(world: World) -> None:
    closed_ballot(
        world,
        purpose=BallotPurpose.HEAD,
        award_type=None,
        results=[(world.deputy, 3, 0, True, True), (world.head, 0, 0, False, False)],
    )
    closed_ballot(
        world,
        purpose=BallotPurpose.DEPUTY,
        award_type=None,
        results=[(world.member, 2, 0, True, True), (world.head, 1, 0, False, False)],
    )


def test_an_acclaimed_unit_becomes_a_nomination_with_its_vote(world: World) -> None:
    _flag_to_member(world)
    [nomination] = apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    assert (nomination.organization, nomination.award_type.code) == (world.member, "CTD_CP")
    assert (nomination.votes_for, nomination.votes_against) == (3, 0)
    assert (nomination.electorate, nomination.present) == (3, 3)
    assert nomination.threshold_text == f"≥ 2/3 tổng số đơn vị thành viên ({SOURCE})"
    assert nomination.decided_on == HELD_ON
    assert nomination.minutes_ref.startswith("Biên bản hội nghị tổng kết Cụm thi đua số 6 năm 2023")
    assert nomination.source_ref.startswith("voting.ballot:")
    assert nomination.status == AwardNomination.Status.PROPOSED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"awards.nomination_recorded", "voting.acclamations_applied"} <= actions


def test_applying_again_refreshes_and_keeps_a_withdrawal(world: World) -> None:
    _flag_to_member(world)
    [first] = apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    withdraw_nomination(nomination=first, reason="Đơn vị xin rút", user=world.secretariat)
    apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    assert list(AwardNomination.objects.values_list("status", flat=True)) == ["withdrawn"]


def test_a_runoff_decides_the_last_seat_and_the_first_round_keeps_its_winner(
    world: World,
) -> None:
    first = closed_ballot(
        world,
        award_type="BK_TP_HN",
        seats=2,
        outcome=BallotOutcome.RUNOFF_NEEDED,
        results=[
            (world.member, 3, 0, True, True),
            (world.deputy, 2, 1, True, False),
            (world.head, 2, 1, True, False),
        ],
    )
    closed_ballot(
        world,
        award_type="BK_TP_HN",
        runoff_of=first,
        results=[(world.deputy, 1, 2, False, False), (world.head, 2, 1, True, True)],
    )
    apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    got = {(n.organization.name, n.votes_for) for n in nominations_of_year(world.cy)}
    assert got == {(world.member.name, 3), (world.head.name, 2)}


def test_nothing_is_recorded_while_a_ballot_is_open(world: World) -> None:
    _flag_to_member(world)
    closed_ballot(world, award_type="BK_TP_HN", state=BallotState.OPEN, results=[])
    with pytest.raises(PermissionDenied, match="Còn phiếu chưa kết thúc"):
        apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    assert not AwardNomination.objects.exists()


def test_a_member_unit_cannot_apply_the_outcomes(world: World) -> None:
    _flag_to_member(world)
    with pytest.raises(PermissionDenied):
        apply_acclamations(cluster_year=fresh(world.cy), user=world.officer)
    assert not AwardNomination.objects.exists()


def test_without_any_acclaimed_unit_there_is_nothing_to_record(world: World) -> None:
    closed_ballot(world, results=[(world.member, 1, 2, False, False)])
    with pytest.raises(ValidationError, match="Không có đơn vị nào được suy tôn"):
        apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    assert not AuditEvent.objects.filter(action="voting.acclamations_applied").exists()


def test_the_elected_pair_opens_next_year_with_the_minutes_as_decision(world: World) -> None:
    _election(world)
    members = [world.head, world.deputy, world.member]
    new = open_next_year_from_election(
        cluster_year=fresh(world.cy), members=members, user=world.board
    )
    new = ClusterYear.objects.get(pk=new.pk)
    assert (new.year, new.head, new.deputy) == (2024, world.deputy, world.member)
    assert new.head_decision_ref.startswith("Biên bản hội nghị tổng kết Cụm thi đua số 6")
    assert new.head_decision_date == HELD_ON
    assert AuditEvent.objects.filter(action="voting.next_year_opened").count() == 1


def test_without_an_elected_head_next_year_is_not_opened(world: World) -> None:
    closed_ballot(
        world,
        purpose=BallotPurpose.HEAD,
        award_type=None,
        results=[(world.deputy, 1, 0, False, False)],
    )
    with pytest.raises(ValidationError, match="chưa bầu được đơn vị trưởng"):
        open_next_year_from_election(
            cluster_year=fresh(world.cy), members=[world.head], user=world.board
        )
    assert not ClusterYear.objects.filter(year=2024).exists()


def test_a_head_election_that_needs_a_runoff_does_not_open_next_year(world: World) -> None:
    closed_ballot(
        world,
        purpose=BallotPurpose.HEAD,
        award_type=None,
        outcome=BallotOutcome.RUNOFF_NEEDED,
        results=[(world.deputy, 1, 0, False, False), (world.member, 1, 0, False, False)],
    )
    with pytest.raises(ValidationError, match="cần bỏ phiếu lại"):
        open_next_year_from_election(
            cluster_year=fresh(world.cy), members=[world.head], user=world.board
        )


def test_the_secretariat_may_not_open_next_year_itself(world: World) -> None:
    _election(world)
    with pytest.raises(PermissionDenied):
        open_next_year_from_election(
            cluster_year=fresh(world.cy), members=[world.head], user=world.secretariat
        )
    assert not ClusterYear.objects.filter(year=2024).exists()
    assert not AuditEvent.objects.filter(action="voting.next_year_opened").exists()


def _record(world: World, **changes: object) -> AwardNomination:
    values: dict[str, object] = {
        "cluster_year": world.cy,
        "organization": world.member,
        "award_type": AwardType.objects.get(code="CTD_CP"),
        "votes_for": 3,
        "votes_against": 0,
        "electorate": 3,
        "present": 3,
        "threshold_text": "≥ 2/3 tổng số đơn vị thành viên",
        "decided_on": HELD_ON,
        "minutes_ref": "Biên bản số 01/BB-CTĐ6",
        "source_ref": "voting.ballot:x",
        "user": world.admin,
        **changes,
    }
    return record_nomination(**values)  # type: ignore[arg-type]


def test_a_nomination_for_a_unit_outside_the_cluster_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="không là thành viên"):
        _record(world, organization=world.outsider_org)
    with pytest.raises(ValidationError, match="Số có mặt"):
        _record(world, present=4)
    with pytest.raises(ValidationError, match="vượt quá"):
        _record(world, votes_for=3, votes_against=1)
    assert not AwardNomination.objects.exists()
    assert not AuditEvent.objects.filter(action="awards.nomination_recorded").exists()


def test_a_nomination_put_into_a_proposal_is_not_rewritten(world: World) -> None:
    nomination = _record(world)
    AwardNomination.objects.filter(pk=nomination.pk).update(status=AwardNomination.Status.USED)
    with pytest.raises(ValidationError, match="đã đưa vào tờ trình"):
        _record(world, votes_for=2)
    with pytest.raises(ValidationError, match="Chỉ rút được"):
        withdraw_nomination(nomination=nomination, reason="x", user=world.admin)
    assert AwardNomination.objects.get().votes_for == 3


def test_next_year_without_members_is_refused_and_nothing_is_written(world: World) -> None:
    _election(world)
    with pytest.raises(ValidationError, match="ít nhất một đơn vị"):
        open_next_year_from_election(cluster_year=fresh(world.cy), members=[], user=world.board)
    assert not ClusterYear.objects.filter(year=2024).exists()
    assert not AuditEvent.objects.filter(action="voting.next_year_opened").exists()


def test_sample_data_and_a_conference_recorded_after_the_fact_stay_marked(world: World) -> None:
    closed_ballot(world, results=[(world.member, 3, 0, True, True)], sample_data=True)
    Conference.objects.update(recorded_after_fact=True, minutes_number="05/BB-CTĐ6")
    [nomination] = apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)
    assert (nomination.sample_data, nomination.recorded_after_fact) == (True, True)
    assert "số 05/BB-CTĐ6" in nomination.minutes_ref


def test_a_ballot_closed_by_the_closing_service_becomes_a_nomination(world: World) -> None:
    in_session(world)
    units = members(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    for unit, marks in zip(
        units, [{m: "Y", d: "N"}, {m: "Y", d: "Y"}, {m: "Y", d: "N"}], strict=True
    ):
        vote(ballot, codes[unit.pk].code, marks)
    closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)

    [nomination] = apply_acclamations(cluster_year=fresh(world.cy), user=world.secretariat)

    assert (nomination.organization, nomination.votes_for, nomination.votes_against) == (
        world.member,
        3,
        0,
    )
    assert nomination.source_ref == f"voting.ballot:{ballot.uuid}"


def test_the_demo_applies_the_outcomes_as_a_trusted_caller(world: World) -> None:
    _flag_to_member(world)
    _election(world)
    apply_acclamations(cluster_year=fresh(world.cy), user=None)
    new = open_next_year_from_election(
        cluster_year=fresh(world.cy), members=[world.head, world.deputy, world.member], user=None
    )
    assert AwardNomination.objects.get().organization == world.member
    assert ClusterYear.objects.get(pk=new.pk).head == world.deputy
