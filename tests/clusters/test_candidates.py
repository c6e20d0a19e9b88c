"""Merging the candidate sources: the first source gives rank and score, any source says
whether a unit registered, a registrations source flags the units it does not name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import World
from thidua.awards.models import AwardType
from thidua.clusters.candidates import CandidateSource, ProposedCandidate, combined_candidates

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _source(slug: str, order: int, rows: list[ProposedCandidate], **kw: Any) -> CandidateSource:
    return CandidateSource(slug, order, slug, lambda cy, award: list(rows), **kw)


def _summary(candidates: list[ProposedCandidate]) -> list[tuple[str, Any, Any, Any]]:
    return [(c.organization.name, c.rank, c.score, c.registered) for c in candidates]


def test_ranked_units_come_first_and_unregistered_ones_are_flagged(world: World) -> None:
    ranking = _source(
        "t.ranking",
        10,
        [
            ProposedCandidate(world.head, rank=1, score=Decimal(98)),
            ProposedCandidate(world.member, rank=2, score=Decimal(95)),
        ],
    )
    registrations = _source(
        "t.registrations",
        20,
        [
            ProposedCandidate(world.member, registered=True),
            ProposedCandidate(world.deputy, registered=True),
        ],
        lists_registrations=True,
    )
    flag = AwardType.objects.get(code="CTD_CP")
    assert _summary(combined_candidates(world.cy, flag, [ranking, registrations])) == [
        ("Văn phòng UBND Thành phố", 1, Decimal(98), False),
        ("Sở Nội vụ", 2, Decimal(95), True),
        ("Sở Ngoại vụ", None, None, True),
    ]


def test_for_an_election_nobody_is_flagged(world: World) -> None:
    ranking = _source("t.ranking", 10, [ProposedCandidate(world.head, rank=1)])
    registrations = _source("t.registrations", 20, [], lists_registrations=True)
    assert _summary(combined_candidates(world.cy, None, [ranking, registrations])) == [
        ("Văn phòng UBND Thành phố", 1, None, None)
    ]


def test_without_a_registrations_source_registration_stays_unknown(world: World) -> None:
    ranking = _source("t.ranking", 10, [ProposedCandidate(world.head, rank=1)])
    flag = AwardType.objects.get(code="CTD_CP")
    assert _summary(combined_candidates(world.cy, flag, [ranking])) == [
        ("Văn phòng UBND Thành phố", 1, None, None)
    ]


def test_the_first_rank_wins_and_a_later_yes_overrides_a_no(world: World) -> None:
    first = _source("t.a", 10, [ProposedCandidate(world.head, rank=1, registered=False)])
    second = _source("t.b", 20, [ProposedCandidate(world.head, rank=5, registered=True)])
    assert _summary(combined_candidates(world.cy, None, [first, second])) == [
        ("Văn phòng UBND Thành phố", 1, None, True)
    ]


def test_the_registered_sources_are_asked_in_order(world: World) -> None:
    """With the project's own sources and no data: nobody proposed."""
    flag = AwardType.objects.get(code="CTD_CP")
    assert combined_candidates(world.cy, flag) == []


def test_the_project_registers_the_ranking_then_the_registrations() -> None:
    from thidua.clusters.candidates import CANDIDATE_SOURCES

    assert [(s.slug, s.lists_registrations) for s in CANDIDATE_SOURCES] == [
        ("scoring.ranking", False),
        ("start_of_year.registrations", True),
    ]
