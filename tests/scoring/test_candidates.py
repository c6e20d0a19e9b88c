"""The approved ranking proposes the candidates of a conference ballot, in ranking order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories_scoring import fill_sheet, fresh
from tests.scoring.conftest import ScoringWorld
from thidua.awards.models import AwardType
from thidua.clusters.candidates import CANDIDATE_SOURCES
from thidua.scoring import selectors
from thidua.scoring.candidates import ranked_units
from thidua.scoring.services import results, verification

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
D = Decimal


def _approve(sw: ScoringWorld) -> None:
    w = sw.w
    fill_sheet(sw.cy, w.head, w.secretariat, values={"II.2": D(14), "TH.1": D(5)})
    fill_sheet(sw.cy, w.deputy, w.deputy_officer, values={"II.2": D(10)})
    fill_sheet(sw.cy, w.member, w.officer, values={"TR.1": D(1)})
    verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, w.head), user=w.deputy_officer)
    for org in (w.deputy, w.member):
        verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, org), user=w.secretariat)
    results.approve_results(cluster_year=sw.cy, user=w.secretariat)


def test_the_ranking_source_is_registered_first() -> None:
    source = CANDIDATE_SOURCES.get("scoring.ranking")
    assert source is not None and source.order == 10 and source.propose is ranked_units


def test_the_approved_ranking_proposes_every_unit_with_rank_and_score(sw: ScoringWorld) -> None:
    _approve(sw)
    flag = AwardType.objects.get(code="CTD_CP")
    proposed = ranked_units(fresh(sw.w.cy), flag)
    assert [(c.organization.name, c.rank, c.score, c.registered) for c in proposed] == [
        ("Văn phòng UBND Thành phố", 1, D("104"), None),
        ("Sở Nội vụ", 2, D("99"), None),
        ("Sở Ngoại vụ", 3, D("95"), None),
    ]
    assert ranked_units(fresh(sw.w.cy), None) == proposed  # an election: all ranked members


def test_a_ranking_not_yet_approved_proposes_nobody(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    assert ranked_units(fresh(sw.w.cy), None) == []


def test_reopened_results_propose_nobody(sw: ScoringWorld) -> None:
    _approve(sw)
    results.reopen_results(cluster_year=fresh(sw.w.cy), user=sw.w.board, reason="Khiếu nại")
    assert ranked_units(fresh(sw.w.cy), None) == []


def test_the_ranking_is_read_in_one_query(
    sw: ScoringWorld, django_assert_num_queries: object
) -> None:
    _approve(sw)
    cy = fresh(sw.w.cy)
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert len(ranked_units(cy, None)) == 3
