"""Who reads and cancels another person's check batch: a board officer of the batch's authority or
of one that succeeded it — the clusters rule of a unit's board officer, over the batch's
authority (``eligibility.rules.is_board_officer_of_batch``)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import World
from tests.factories import AuthorityFactory, AuthoritySuccessionFactory
from thidua.eligibility.models import CheckBatch
from thidua.organizations.models import Authority

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PERSONAS = ["board", "other_board", "council", "viewer", "officer", "secretariat"]


def _batch(authority: Authority | None, world: World) -> CheckBatch:
    return CheckBatch.objects.create(
        filename="dot-1.csv",
        sha256="0" * 64,
        authority=authority,
        received_on=dt.date(2025, 8, 1),
        created_by=world.admin,
    )


def _allowed(world: World, perm: str, batch: CheckBatch) -> set[str]:
    return {p for p in PERSONAS if world.user(p).has_perm(perm, batch)}


def test_only_the_board_officer_of_the_batch_authority_sees_and_cancels_it(world: World) -> None:
    batch = _batch(world.authority, world)
    assert _allowed(world, "eligibility.view_batch", batch) == {"board"}
    assert _allowed(world, "eligibility.cancel_batch", batch) == {"board"}


def test_the_board_of_the_successor_authority_sees_a_batch_of_the_predecessor(
    world: World,
) -> None:
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng Thi đua - Khen thưởng tỉnh Nam Định")
    AuthoritySuccessionFactory(predecessor=nam_dinh, successor=world.authority)
    batch = _batch(nam_dinh, world)
    assert _allowed(world, "eligibility.view_batch", batch) == {"board"}


def test_a_batch_of_no_authority_is_seen_by_no_board_officer(world: World) -> None:
    assert _allowed(world, "eligibility.view_batch", _batch(None, world)) == set()
