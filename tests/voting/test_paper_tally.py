"""Paper tallies: an approve/reject ballot marks every candidate, so only choose-k and single
choice cap the total of yes votes (design §3.3)."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.voting.ballots import in_session, members, open_ballot, uuid_of
from thidua.voting.services import casting

pytestmark = pytest.mark.django_db


def test_paper_voters_may_approve_every_candidate_of_an_approve_reject_ballot(
    world: World,
) -> None:
    in_session(world)  # approve/reject, 1 seat
    ballot = open_ballot(world, [world.member, world.deputy], mode="paper")
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    # three paper ballots, each approving both candidates: valid on an approve/reject ballot
    casting.enter_paper_tally(
        ballot=ballot,
        entry=casting.PaperEntry(3, 3, 0, {m: (3, 0), d: (3, 0)}, members(world)),
        user=world.admin,
    )
