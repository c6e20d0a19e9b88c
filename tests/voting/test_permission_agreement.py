"""Every conference action × every persona × each state of the conference × a year of the
personas' authority and one of another: the page's forms, the POST and the service give the same
answer as ``user.has_perm``.

Outside the scope the page and the POST are 404; a person who may never act gets a 403 with the
reason; the right person in the wrong state is sent back to the page with the reason and nothing
changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.voting.ballots import cards, in_session, open_ballot
from tests.voting.closed import closed_ballot
from tests.voting.helpers import HELD_ON, fresh, make_conference, make_rules, mark_present
from thidua.awards.models import AwardNomination
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.permissions import ACTIONS, denial_reason
from thidua.documents.generate import generate_and_record
from thidua.documents.registry import get_document_kind
from thidua.voting import seal, services
from thidua.voting.enums import BallotState, Operator, QuorumBasis, TieBreak
from thidua.voting.models import (
    AgendaItem,
    Ballot,
    Conference,
    Eligibility,
    SealedBallot,
    VoterPass,
    VotingRules,
)
from thidua.voting.room import signed_receipt
from thidua.voting.rules import CAST_BALLOT, ISSUE_PASSES
from thidua.voting.services import casting, closing, passes
from thidua.voting.services.casting import PassBallot
from thidua.voting.services.outcomes import apply_acclamations

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "voting.view_conference",
    "voting.manage_conference",
    "voting.set_rules",
    "voting.open_session",
    "voting.close_session",
    "voting.record_decision",
    "voting.issue_passes",
    "voting.cast_ballot",
    # outcomes
    "voting.apply_outcomes",
    "voting.print_minutes",
}
PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]
STATES = ["none", "draft", "ready", "in_session", "closed"]


def url(cy: ClusterYear, tail: str = "") -> str:
    return f"/voting/{cy.cluster.code}/{cy.year}/conference/{tail}"


def _members(cy: ClusterYear) -> list[Any]:
    return [m.organization for m in cy.memberships.all()]


def set_state(world: World, cy: ClusterYear, state: str) -> None:
    if state == "none":
        return
    make_conference(world, cy)
    if state == "draft":
        return
    make_rules(world, cy)
    mark_present(world, *_members(cy), cy=cy)
    if state in ("in_session", "closed"):
        services.open_session(cluster_year=fresh(cy), user=world.admin)
    if state == "closed":
        services.close_session(cluster_year=fresh(cy), user=world.admin)


def _status(cy: ClusterYear) -> str | None:
    conference = Conference.objects.filter(cluster_year=cy).first()
    return conference.status if conference else None


def _rules_post(cy: ClusterYear) -> dict[str, Any]:
    return {
        "source_text": "Điều 10",
        "quorum_operator": Operator.GT,
        "quorum_num": 1,
        "quorum_den": 2,
        "quorum_basis": QuorumBasis.ALL,
        "tie_break": TieBreak.RUNOFF,
    }


def _rules_form(cy: ClusterYear) -> dict[str, Any]:
    return {**_rules_post(cy), "self_vote_allowed": "yes"}


def _first_item(cy: ClusterYear) -> int:
    item = AgendaItem.objects.filter(conference__cluster_year=cy).order_by("order").first()
    return item.pk if item else 0


def _decided(cy: ClusterYear) -> bool:
    return AgendaItem.objects.filter(
        conference__cluster_year=cy, decision_text="Nhất trí thông qua", decided=True
    ).exists()


@dataclass
class ConferenceAction:
    tail: str | Callable[[ClusterYear], str]
    post: Callable[[ClusterYear], dict[str, Any]]
    done: Callable[[ClusterYear], bool]
    service: Callable[[ClusterYear, Any], object]


ACTIONS_WALKED = {
    "voting.manage_conference": ConferenceAction(
        tail="save/",
        post=lambda cy: {"held_on": "20/12/2023", "place": "Hội trường B"},
        done=lambda cy: Conference.objects.filter(cluster_year=cy, place="Hội trường B").exists(),
        service=lambda cy, user: (
            services.update_conference(cluster_year=cy, place="Hội trường B", user=user)
            if _status(cy)
            else services.create_conference(cluster_year=cy, held_on=HELD_ON, user=user)
        ),
    ),
    "voting.set_rules": ConferenceAction(
        tail="rules/",
        post=_rules_form,
        done=lambda cy: VotingRules.objects.filter(cluster_year=cy, source_text="Điều 10").exists(),
        service=lambda cy, user: services.set_voting_rules(
            cluster_year=cy, user=user, self_vote_allowed=True, **_rules_post(cy)
        ),
    ),
    "voting.open_session": ConferenceAction(
        tail="open/",
        post=lambda cy: {},
        done=lambda cy: _status(cy) == "in_session",
        service=lambda cy, user: services.open_session(cluster_year=cy, user=user),
    ),
    "voting.close_session": ConferenceAction(
        tail="close/",
        post=lambda cy: {},
        done=lambda cy: _status(cy) == "closed",
        service=lambda cy, user: services.close_session(cluster_year=cy, user=user),
    ),
    "voting.record_decision": ConferenceAction(
        tail=lambda cy: f"agenda/{_first_item(cy)}/decision/",
        post=lambda cy: {"decision_text": "Nhất trí thông qua"},
        done=_decided,
        service=lambda cy, user: services.record_decision(
            cluster_year=cy, item_id=_first_item(cy), decision_text="Nhất trí thông qua", user=user
        ),
    ),
}


def _tail(walked: ConferenceAction, cy: ClusterYear) -> str:
    return walked.tail(cy) if callable(walked.tail) else walked.tail


def _years(world: World) -> list[ClusterYear]:
    return [world.cy, world.other_cy]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(ACTIONS_WALKED))
def test_page_post_and_permission_agree(world: World, persona: str, perm: str, state: str) -> None:
    user = world.user(persona)
    walked = ACTIONS_WALKED[perm]
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for year in _years(world):
        set_state(world, year, state)
        cy = fresh(year)
        allowed = user.has_perm(perm, cy)
        page = client.get(url(cy))
        if cy not in visible:
            assert (allowed, page.status_code) == (False, 404), cy
            assert client.post(url(cy, _tail(walked, cy)), walked.post(cy)).status_code == 404
            continue
        assert page.status_code == 200
        offered = f'action="{url(cy, _tail(walked, cy))}"' in page.content.decode()
        assert offered == allowed, cy
        may_ever = ACTIONS[perm].who.test(user, cy)
        before = walked.done(cy)
        response = client.post(url(cy, _tail(walked, cy)), walked.post(cy))
        changed = walked.done(cy) and not before
        expected = (302, True) if allowed else ((302, False) if may_ever else (403, False))
        assert (response.status_code, changed) == expected, cy
        if not may_ever:
            assert str(denial_reason(user, perm, cy)) in response.content.decode()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(ACTIONS_WALKED))
def test_services_agree_with_the_permission(
    world: World, persona: str, perm: str, state: str
) -> None:
    user = world.user(persona)
    for year in _years(world):
        set_state(world, year, state)
        cy = fresh(year)
        allowed = user.has_perm(perm, cy)
        try:
            ACTIONS_WALKED[perm].service(cy, user)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, cy)
        except Exception:  # a ValidationError: allowed, the input is the test's own
            refused = False
        assert refused == (not allowed), (cy, state)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_conference_page_is_seen_by_whoever_sees_the_year(world: World, persona: str) -> None:
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for cy in _years(world):
        allowed = user.has_perm("voting.view_conference", fresh(cy))
        assert allowed == (cy in visible)
        assert client.get(url(cy)).status_code == (200 if allowed else 404)


# --- in the room: voting cards (object: the year) and casting (object: card + question) ---


def _first_member(cy: ClusterYear) -> Any:
    return cy.memberships.order_by("pk").first().organization  # type: ignore[union-attr]


def _cards_of(cy: ClusterYear) -> int:
    return VoterPass.objects.filter(conference__cluster_year=cy).count()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_cards_page_post_and_service_agree(world: World, persona: str, state: str) -> None:
    user = world.user(persona)
    perm = ISSUE_PASSES.name
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for year in _years(world):
        set_state(world, year, state)
        cy = fresh(year)
        allowed = user.has_perm(perm, cy)
        page, tail = url(cy, "passes/"), url(cy, "passes/issue/")
        unit = {"unit": _first_member(cy).pk}
        if cy not in visible:
            assert (allowed, client.get(page).status_code) == (False, 404)
            assert client.post(tail, unit).status_code == 404
            continue
        may_ever = ACTIONS[perm].who.test(user, cy)
        response = client.get(page)
        assert response.status_code == (200 if may_ever else 403), cy
        assert (f'action="{tail}"' in response.content.decode()) == allowed, cy
        before = _cards_of(cy)
        posted = client.post(tail, unit)
        changed = _cards_of(cy) > before
        expected = (200, True) if allowed else ((302, False) if may_ever else (403, False))
        assert (posted.status_code, changed) == expected, cy
        try:
            passes.issue_passes(cluster_year=fresh(cy), units=[_first_member(cy)], user=user)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, cy)
        assert refused == (not allowed), (cy, state)


CAST_STATES = ["open", "closed", "revoked", "voted", "absent"]


def _cast_setup(world: World, state: str) -> tuple[Ballot, str]:
    """An open question with the head unit's card, then put in ``state``."""
    in_session(world)
    ballot = open_ballot(world, [world.member])
    code = cards(world, [world.head])[world.head.pk].code
    if state == "closed":
        closing.close_ballot(ballot=ballot, user=world.admin)
    elif state == "revoked":
        passes.revoke_pass(cluster_year=fresh(world.cy), organization=world.head, user=world.admin)
    elif state == "voted":
        Eligibility.objects.filter(ballot=ballot, organization=world.head).update(
            voted=True, channel="paper"
        )
    elif state == "absent":
        Eligibility.objects.filter(ballot=ballot, organization=world.head).update(present=False)
    return Ballot.objects.get(pk=ballot.pk), code


def _pass_ballot(ballot: Ballot) -> PassBallot:
    card = VoterPass.objects.filter(organization_id=ballot.conference.cluster_year.head_id).latest(
        "pk"
    )
    return PassBallot(card, ballot)


@pytest.mark.parametrize("state", CAST_STATES)
@pytest.mark.parametrize("persona", ["anonymous", "admin"])
def test_delegate_page_post_and_service_agree(world: World, persona: str, state: str) -> None:
    """Casting is the card's right, whoever holds the device: the page offers the form, the
    POST seals a ballot and the service accepts exactly when ``has_perm`` says so."""
    ballot, code = _cast_setup(world, state)
    user = AnonymousUser() if persona == "anonymous" else world.admin
    client = Client()
    if persona != "anonymous":
        client.force_login(user)
    client.post("/voting/p/", {"code": code})
    obj = _pass_ballot(ballot)
    allowed = user.has_perm(CAST_BALLOT.name, obj)
    assert allowed == (state == "open")
    vote = f"/voting/p/ballots/{ballot.uuid}/"
    page = client.get("/voting/p/").content.decode()
    assert (f'action="{vote}"' in page) == allowed
    receipt = signed_receipt(ballot)
    mark = {f"c-{ballot.candidates.get().uuid}": "Y", "receipt": receipt}
    response = client.post(vote, mark)
    assert (response.status_code == 200) == allowed
    assert SealedBallot.objects.filter(ballot=ballot).count() == (1 if allowed else 0)
    if allowed:
        return
    try:
        casting.cast(
            voter_pass=obj.voter_pass,
            ballot=ballot,
            marks={},
            receipt=seal.new_receipt(),
            user=user,
        )
        refused = False
    except PermissionDenied as exc:
        refused = str(exc) == denial_reason(user, CAST_BALLOT.name, obj)
    assert refused


# outcomes: the results page, its "record the nominations" form and the minutes' download, in
# each state of the ballots (the conference's own state matters only for printing the minutes)

OUTCOME_STATES = ["none", "draft", "in_session", "open_ballot", "closed", "closed_and_cancelled"]


def set_ballots(world: World, cy: ClusterYear, state: str) -> None:
    if state in ("none", "draft", "in_session"):
        set_state(world, cy, state)
        return
    first = _members(cy)[0]
    closed_ballot(world, cy=cy, results=[(first, 1, 0, True, True)])
    if state == "open_ballot":
        closed_ballot(world, cy=cy, award_type="BK_TP_HN", state=BallotState.OPEN)
    if state == "closed_and_cancelled":
        closed_ballot(world, cy=cy, award_type="BK_TP_HN", state=BallotState.CANCELLED)


def _nominated(cy: ClusterYear) -> bool:
    return AwardNomination.objects.filter(cluster_year=cy).exists()


@pytest.mark.parametrize("state", OUTCOME_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_recording_the_outcomes_agrees_with_the_permission(
    world: World, persona: str, state: str
) -> None:
    perm = "voting.apply_outcomes"
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for year in _years(world):
        set_ballots(world, year, state)
        cy = fresh(year)
        allowed = user.has_perm(perm, cy)
        tail = "outcomes/acclamations/"
        if cy not in visible:
            assert (allowed, client.get(url(cy, "outcomes/")).status_code) == (False, 404)
            assert client.post(url(cy, tail)).status_code == 404
            continue
        page = client.get(url(cy, "outcomes/"))
        assert page.status_code == 200
        assert (f'action="{url(cy, tail)}"' in page.content.decode()) == allowed, cy
        may_ever = ACTIONS[perm].who.test(user, cy)
        response = client.post(url(cy, tail))
        expected = (302, True) if allowed else ((302, False) if may_ever else (403, False))
        assert (response.status_code, _nominated(cy)) == expected, cy
        _forget_nominations(cy)
        try:
            apply_acclamations(cluster_year=fresh(cy), user=user)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, cy)
        assert refused == (not allowed), (cy, state)


def _forget_nominations(cy: ClusterYear) -> None:
    AwardNomination.objects.filter(cluster_year=cy).delete()


@pytest.mark.parametrize("state", OUTCOME_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_printing_the_minutes_agrees_with_the_permission(
    world: World, persona: str, state: str
) -> None:
    perm = "voting.print_minutes"
    kind = get_document_kind("conference-minutes")
    assert kind is not None and kind.permission == perm
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for year in _years(world):
        set_ballots(world, year, state)
        cy = fresh(year)
        allowed = user.has_perm(perm, cy)
        address = f"/documents/conference-minutes/{cy.cluster.code}/{cy.year}.docx"
        response = client.get(address)
        if cy not in visible:
            assert (allowed, response.status_code) == (False, 404)
            continue
        assert response.status_code == (200 if allowed else 403), (cy, state)
        if not allowed:
            assert str(denial_reason(user, perm, cy)) in response.content.decode()
        try:
            generate_and_record(kind, cluster_year=cy, fmt="docx", channel="cli", user=user)
            refused = False
        except PermissionDenied:
            refused = True
        assert refused == (not allowed), (cy, state)


# --- ballot pages: every ballot action × persona × state of the question ----------------------
# A fresh question per action (a successful POST changes it). "closed" is a tie across the only
# seat, so a runoff is due. The page offers the form exactly when ``has_perm`` says so; the POST
# and the service agree; outside the scope everything is 404.


def _ballot_in_state(world: World, state: str, codes: dict[int, Any]) -> Any:
    from tests.voting.ballots import award
    from tests.voting.test_ballot_flow import vote
    from thidua.clusters.candidates import ProposedCandidate
    from thidua.voting.models import Ballot
    from thidua.voting.services import ballots, closing

    ballot = ballots.create_ballot(
        cluster_year=fresh(world.cy),
        purpose="acclaim",
        award_type=award(),
        mode="mixed",
        user=world.admin,
    )
    ballots.set_candidates(
        ballot=ballot,
        proposed=[ProposedCandidate(organization=o) for o in (world.member, world.head)],
        user=world.admin,
    )
    if state == "draft":
        return Ballot.objects.get(pk=ballot.pk)
    ballot = ballots.open_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    if state == "open":
        return ballot
    uuids = [str(u) for u in ballot.candidates.values_list("uuid", flat=True)]
    for unit in (world.head, world.deputy, world.member):
        vote(ballot, codes[unit.pk].code, dict.fromkeys(uuids, "Y"))
    return closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)


def _paper_post(ballot: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"received": 0, "valid": 0, "invalid": 0}
    for uuid in ballot.candidates.values_list("uuid", flat=True):
        data[f"yes-{uuid}"] = data[f"no-{uuid}"] = 0
    return data


def _ballot_actions() -> dict[
    str,
    tuple[
        str,
        Callable[[Any, World], dict[str, Any]],
        Callable[[Any], bool],
        Callable[[Any, Any, World], object],
    ],
]:
    from thidua.clusters.candidates import ProposedCandidate
    from thidua.voting.models import Ballot, PaperTally
    from thidua.voting.services import ballots, casting, closing

    def state(b: Any) -> str:
        return str(Ballot.objects.get(pk=b.pk).state)

    return {
        "voting.manage_ballot": (
            "candidates/",
            lambda b, w: {
                **{f"order-{u}": 1 for u in b.candidates.values_list("uuid", flat=True)},
                "add": w.deputy.pk,
            },
            lambda b: b.candidates.count() == 3,
            lambda b, user, w: ballots.set_candidates(
                ballot=b, proposed=[ProposedCandidate(organization=w.deputy)], user=user
            ),
        ),
        "voting.open_ballot": (
            "open/",
            lambda b, w: {},
            lambda b: state(b) == "open",
            lambda b, user, w: ballots.open_ballot(ballot=b, user=user),
        ),
        "voting.cancel_ballot": (
            "cancel/",
            lambda b, w: {"reason": "Trùng nội dung"},
            lambda b: state(b) == "cancelled",
            lambda b, user, w: ballots.cancel_ballot(ballot=b, reason="x", user=user),
        ),
        "voting.enter_paper_tally": (
            "paper/",
            lambda b, w: _paper_post(b),
            lambda b: PaperTally.objects.filter(ballot=b).exists(),
            lambda b, user, w: casting.enter_paper_tally(
                ballot=b, entry=casting.PaperEntry(0, 0, 0, {}, []), user=user
            ),
        ),
        "voting.close_ballot": (
            "close/",
            lambda b, w: {},
            lambda b: state(b) == "closed",
            lambda b, user, w: closing.close_ballot(ballot=b, user=user),
        ),
        "voting.create_runoff": (
            "runoff/",
            lambda b, w: {},
            lambda b: Ballot.objects.filter(runoff_of=b).exists(),
            lambda b, user, w: ballots.create_runoff(ballot=b, user=user),
        ),
    }


BALLOT_STATES = ["draft", "open", "closed"]


def _ballot_url(ballot: Any, tail: str = "") -> str:
    return f"/voting/HN-C06/2023/conference/ballots/{ballot.uuid}/{tail}"


def _ballot_world(world: World) -> dict[int, Any]:
    from tests.voting.ballots import cards, in_session

    in_session(world, basis="present", operator="gt", num=1, den=3)
    Conference.objects.update(secretary_user=world.leader)  # a secretary outside the secretariat
    return cards(world)


@pytest.mark.parametrize("state", BALLOT_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_ballot_pages_posts_and_permissions_agree(world: World, persona: str, state: str) -> None:
    user = world.user(persona)
    codes = _ballot_world(world)
    client = Client()
    client.force_login(user)
    visible = fresh(world.cy) in set(cluster_years_for_user(user))
    for perm, (tail, post, done, _service) in _ballot_actions().items():
        ballot = _ballot_in_state(world, state, codes)
        allowed = user.has_perm(perm, ballot)
        page = client.get(_ballot_url(ballot))
        if not visible:
            assert (allowed, page.status_code) == (False, 404)
            assert client.post(_ballot_url(ballot, tail), post(ballot, world)).status_code == 404
            continue
        offered = f'action="{_ballot_url(ballot, tail)}"' in page.content.decode()
        assert offered == allowed, perm
        may_ever = ACTIONS[perm].who.test(user, ballot)
        before = done(ballot)
        response = client.post(_ballot_url(ballot, tail), post(ballot, world))
        changed = done(ballot) and not before
        expected = (302, True) if allowed else ((302, False) if may_ever else (403, False))
        assert (response.status_code, changed) == expected, perm


@pytest.mark.parametrize("state", BALLOT_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_ballot_services_agree_with_the_permission(world: World, persona: str, state: str) -> None:
    user = world.user(persona)
    codes = _ballot_world(world)
    for perm, (_tail, _post, _done, service) in _ballot_actions().items():
        ballot = _ballot_in_state(world, state, codes)
        allowed = user.has_perm(perm, ballot)
        try:
            service(ballot, user, world)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, ballot), perm
        except Exception:  # a ValidationError: allowed, the input is the test's own
            refused = False
        assert refused == (not allowed), (perm, state)


@pytest.mark.parametrize("state", BALLOT_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_results_board_and_recount_follow_their_permissions(
    world: World, persona: str, state: str
) -> None:
    user = world.user(persona)
    ballot = _ballot_in_state(world, state, _ballot_world(world))
    client = Client()
    client.force_login(user)
    if fresh(world.cy) not in set(cluster_years_for_user(user)):
        for tail in ("", "board/", "board.json", "verify/"):
            assert client.get(_ballot_url(ballot, tail)).status_code == 404
        assert not user.has_perm("voting.view_results", ballot)
        return
    results = user.has_perm("voting.view_results", ballot)
    assert results == (state == "closed")
    assert ('id="ballot-outcome"' in client.get(_ballot_url(ballot)).content.decode()) == results
    assert (
        'id="board-rows"' in client.get(_ballot_url(ballot, "board/")).content.decode()
    ) == results
    assert client.get(_ballot_url(ballot, "board.json")).status_code == (200 if results else 404)
    verified = user.has_perm("voting.verify_ballot", ballot)
    assert verified == (state == "closed")
    page = client.get(_ballot_url(ballot, "verify/")).content.decode()
    assert ("Kiểm lại: khớp" in page) == verified


@pytest.mark.parametrize("persona", PERSONAS)
def test_recording_a_past_conference_agrees_with_the_permission(world: World, persona: str) -> None:
    from tests.voting.ballots import rule

    user = world.user(persona)
    client = Client()
    client.force_login(user)
    make_conference(world)  # a conference being prepared may still be recorded after the fact
    make_rules(world)
    rule(world)
    cy = fresh(world.cy)
    allowed = user.has_perm("voting.record_past_conference", cy)
    page = client.get(url(cy, "record/"))
    if cy not in set(cluster_years_for_user(user)):
        assert (allowed, page.status_code) == (False, 404)
        return
    may_ever = ACTIONS["voting.record_past_conference"].who.test(user, cy)
    assert page.status_code == (200 if may_ever else 403)
    assert ('id="record-form"' in page.content.decode()) == allowed
    listed = client.get(url(cy, "ballots/")).content.decode()
    assert (f'href="{url(cy, "record/")}"' in listed) == allowed
    # a conference in session: nobody records after the fact
    mark_present(world, *_members(cy))
    services.open_session(cluster_year=fresh(cy), user=world.admin)
    assert not user.has_perm("voting.record_past_conference", fresh(cy))


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_ballot_creation_agrees_with_the_permission(world: World, persona: str, state: str) -> None:
    from tests.voting.ballots import award, rule
    from thidua.voting.models import Ballot

    user = world.user(persona)
    client = Client()
    client.force_login(user)
    set_state(world, world.cy, state)
    if state not in ("none", "draft"):
        rule(world)
    cy = fresh(world.cy)
    allowed = user.has_perm("voting.create_ballot", cy)
    page = client.get(url(cy, "ballots/"))
    data = {"purpose": f"acclaim-{award().pk}", "mode": "online"}
    if cy not in set(cluster_years_for_user(user)):
        assert (allowed, page.status_code) == (False, 404)
        assert client.post(url(cy, "ballots/new/"), data).status_code == 404
        return
    assert (f'action="{url(cy, "ballots/new/")}"' in page.content.decode()) == allowed
    may_ever = ACTIONS["voting.create_ballot"].who.test(user, cy)
    response = client.post(url(cy, "ballots/new/"), data)
    created = Ballot.objects.exists()
    assert (response.status_code == 403) == (not may_ever)
    assert created == (allowed and state != "none")  # no conference: the service says so


COVERED |= {
    "voting.create_ballot",
    "voting.manage_ballot",
    "voting.open_ballot",
    "voting.cancel_ballot",
    "voting.enter_paper_tally",
    "voting.close_ballot",
    "voting.view_results",
    "voting.verify_ballot",
    "voting.create_runoff",
    "voting.record_past_conference",
}
