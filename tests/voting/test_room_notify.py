"""A question opens (``services.ballots.open_ballot``): the officers and the leader of each
present unit are told, once, with a link to the delegates' page and nothing secret."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.voting.ballots import in_session, open_ballot
from thidua.notifications.enums import NotificationKind
from thidua.notifications.models import Notification
from thidua.voting.notify import ballot_opened

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_present_units_are_told_once_that_a_ballot_is_open(world: World) -> None:
    in_session(world, present=[world.head, world.member])
    ballot = open_ballot(world, [world.member])  # opening tells the present units

    sent = Notification.objects.filter(object_type="voting.ballot", object_id=str(ballot.pk))
    assert ballot_opened(ballot) == []  # once per person and ballot
    assert {n.recipient for n in sent} == {world.officer, world.leader}  # the deputy is absent
    notice = Notification.objects.filter(recipient=world.officer).get()
    assert notice.kind == NotificationKind.BALLOT_OPEN
    assert notice.title.startswith(f"Phiếu đã mở: {ballot.title} — Cụm thi đua số 6 năm 2023")
    assert notice.link == "/voting/p/"
    assert (notice.object_type, notice.object_id) == ("voting.ballot", str(ballot.pk))
