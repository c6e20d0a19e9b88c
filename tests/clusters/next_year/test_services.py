"""Opening the next year ("Mở năm tiếp theo"): the proposal and the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.factories import ClusterYearFactory, OrganizationFactory, SuccessionFactory
from tests.factories_scoring import build_criteria_set
from tests.factories_start_of_year import make_pledge
from thidua.audit.models import AuditEvent
from thidua.clusters import services
from thidua.clusters.enums import HeadsStatus
from thidua.clusters.models import ClusterYear
from thidua.clusters.next_year import Origin, next_year_proposal
from thidua.scoring.models import CriteriaSet
from thidua.start_of_year.models import Pledge, PledgeItem

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _merge_member_into_ward(world: World) -> object:
    """Sở Nội vụ is dissolved at the end of 2023 and merged into a new unit from 2024."""
    world.member.valid_to = dt.date(2023, 12, 31)
    world.member.save()
    ward = OrganizationFactory(
        authority=world.authority, name="Sở Nội vụ (mới)", valid_from=dt.date(2024, 1, 1)
    )
    SuccessionFactory(predecessor=world.member, successor=ward, effective_date=dt.date(2024, 1, 1))
    return ward


def test_proposal_leaves_out_dissolved_units_and_proposes_their_successors(world: World) -> None:
    ward = _merge_member_into_ward(world)

    proposal = next_year_proposal(world.cy)

    assert proposal.year == 2024 and proposal.existing is None
    assert [(u.organization.name, u.origin, u.checked) for u in proposal.units] == [
        ("Sở Ngoại vụ", Origin.MEMBER, True),
        ("Văn phòng UBND Thành phố", Origin.MEMBER, True),
        ("Sở Nội vụ (mới)", Origin.SUCCESSOR, True),
    ]
    assert [u.organization for u in proposal.left_out] == [world.member]
    assert "Đã giải thể ngày 31/12/2023" in proposal.left_out[0].note
    assert "Sở Nội vụ (mới)" in proposal.left_out[0].note
    assert proposal.checked_ids[-1] == ward.pk  # type: ignore[attr-defined]
    assert (proposal.head, proposal.deputy) == (None, None)


def test_successor_of_several_merged_units_is_proposed_once(world: World) -> None:
    ward = OrganizationFactory(authority=world.authority, name="Phường Mới")
    for unit in (world.member, world.deputy):
        unit.valid_to = dt.date(2023, 6, 30)
        unit.save()
        SuccessionFactory(predecessor=unit, successor=ward, effective_date=dt.date(2023, 7, 1))

    proposal = next_year_proposal(world.cy)

    successors = [u for u in proposal.units if u.origin == Origin.SUCCESSOR]
    assert [u.organization for u in successors] == [ward]
    assert "Sở Ngoại vụ" in successors[0].note and "Sở Nội vụ" in successors[0].note


def test_a_unit_dissolving_during_next_year_stays_and_its_successor_is_offered_unchecked(
    world: World,
) -> None:
    world.member.valid_to = dt.date(2024, 6, 30)
    world.member.save()
    heir = OrganizationFactory(authority=world.authority, name="Sở Nội vụ và Lao động")
    SuccessionFactory(predecessor=world.member, successor=heir, effective_date=dt.date(2024, 7, 1))

    units = {u.organization.name: u for u in next_year_proposal(world.cy).units}

    assert units["Sở Nội vụ"].checked and "Giải thể ngày 30/06/2024" in units["Sở Nội vụ"].note
    assert not units["Sở Nội vụ và Lao động"].checked


def test_board_opens_next_year_with_chosen_members_and_no_heads(world: World) -> None:
    ward = _merge_member_into_ward(world)

    new = services.open_next_year(
        cluster_year=world.cy, members=[world.head, ward], user=world.board
    )

    assert (new.cluster, new.year) == (world.cy.cluster, 2024)
    assert sorted(m.organization.name for m in new.memberships.all()) == [
        "Sở Nội vụ (mới)",
        "Văn phòng UBND Thành phố",
    ]
    assert (new.head, new.deputy, new.heads_status) == (None, None, HeadsStatus.NOT_CHOSEN_YET)
    event = AuditEvent.objects.get(action="cluster_year.open_next_year")
    assert event.object_id == str(new.pk)
    assert event.before["year"] == 2023


def test_heads_from_an_election_are_recorded_with_their_source(world: World) -> None:
    new = services.open_next_year(
        cluster_year=world.cy,
        members=[world.head, world.deputy, world.member],
        head=world.member,
        deputy=world.head,
        decision_ref="Biên bản bầu số 01/BB-CTĐ",
        decision_date=dt.date(2023, 12, 20),
        user=None,  # the voting app, a trusted caller that checked its own permission
    )
    assert (new.head, new.deputy, new.heads_status) == (
        world.member,
        world.head,
        HeadsStatus.CHOSEN,
    )
    assert new.heads_source == "Biên bản bầu số 01/BB-CTĐ ngày 20/12/2023"


def test_head_must_be_among_the_new_members(world: World) -> None:
    with pytest.raises(ValidationError, match="phải là thành viên"):
        services.open_next_year(
            cluster_year=world.cy, members=[world.deputy], head=world.head, user=world.board
        )
    assert not ClusterYear.objects.filter(year=2024).exists()


def test_a_dissolved_unit_ticked_anyway_refuses_everything(world: World) -> None:
    world.member.valid_to = dt.date(2023, 12, 31)
    world.member.save()
    with pytest.raises(ValidationError, match="đã giải thể"):
        services.open_next_year(
            cluster_year=world.cy, members=[world.head, world.member], user=world.board
        )
    assert not ClusterYear.objects.filter(year=2024).exists()


def test_no_members_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="ít nhất một đơn vị"):
        services.open_next_year(cluster_year=world.cy, members=[], user=world.board)


def test_opening_twice_is_refused_and_names_the_existing_year(world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    with pytest.raises(PermissionDenied, match="đã có năm 2024"):
        services.open_next_year(cluster_year=world.cy, members=[world.head], user=world.board)
    assert next_year_proposal(world.cy).existing is not None


@pytest.mark.parametrize("persona", ["secretariat", "officer", "other_board", "viewer"])
def test_only_the_admin_and_the_board_open_the_next_year(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.open_next_year(
            cluster_year=world.cy, members=[world.head], user=world.user(persona)
        )


def test_the_admin_opens_the_next_year(world: World) -> None:
    new = services.open_next_year(cluster_year=world.cy, members=[world.head], user=world.admin)
    assert new.year == 2024


def test_unknown_carryover_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="Không có mục sao chép"):
        services.open_next_year(
            cluster_year=world.cy, members=[world.head], carryovers=["x.y"], user=world.board
        )
    assert not ClusterYear.objects.filter(year=2024).exists()


def test_preview_says_what_would_be_copied_and_the_copy_happens(world: World) -> None:
    criteria = build_criteria_set(world.cy, world.board, name="Bộ tiêu chí năm 2023")
    pledge = make_pledge(world.cy, world.board)
    offers = {o.slug: o for o in next_year_proposal(world.cy).carryovers}
    assert "Bộ tiêu chí năm 2023" in str(offers["scoring.criteria_set"].description)
    assert "3 nội dung cam kết" in str(offers["start_of_year.pledge"].description)

    new = services.open_next_year(
        cluster_year=world.cy,
        members=[world.head, world.deputy, world.member],
        carryovers=["scoring.criteria_set", "start_of_year.pledge"],
        user=world.board,
    )

    copied = CriteriaSet.objects.get(cluster_year=new)
    assert (copied.name, copied.copied_from, copied.status) == (
        "Bộ tiêu chí năm 2024",
        criteria,
        "draft",
    )
    assert copied.criteria.count() == criteria.criteria.count()
    draft = Pledge.objects.get(cluster_year=new)
    assert (draft.title, draft.status, draft.version) == ("Giao ước thi đua năm 2024", "draft", 1)
    assert [i.text for i in PledgeItem.objects.filter(pledge=draft).order_by("number")] == [
        i.text for i in pledge.items.order_by("number")
    ]
    assert not draft.signatures.exists()


def test_nothing_is_copied_unless_ticked(world: World) -> None:
    build_criteria_set(world.cy, world.board)
    new = services.open_next_year(cluster_year=world.cy, members=[world.head], user=world.board)
    assert not CriteriaSet.objects.filter(cluster_year=new).exists()
    assert not Pledge.objects.filter(cluster_year=new).exists()


def test_a_year_with_nothing_to_copy_offers_nothing(world: World) -> None:
    offers = next_year_proposal(world.cy).carryovers
    assert [(o.slug, o.available) for o in offers] == [
        ("start_of_year.pledge", False),
        ("scoring.criteria_set", False),
        ("voting.rules", False),
    ]


def test_heads_of_this_year_keep_their_decision_number_and_date(world: World) -> None:
    services.set_heads(
        cluster_year=world.cy,
        head=world.member,
        deputy=None,
        decision_ref="QĐ 05/QĐ-HĐTĐKT",
        decision_date=dt.date(2023, 1, 10),
        user=world.board,
    )
    world.cy.refresh_from_db()
    assert world.cy.heads_source == "QĐ 05/QĐ-HĐTĐKT ngày 10/01/2023"
    assert world.cy.heads_status == HeadsStatus.CHOSEN
    services.set_heads(cluster_year=world.cy, head=None, deputy=None, user=world.board)
    world.cy.refresh_from_db()
    assert world.cy.heads_status == HeadsStatus.NOT_CHOSEN_YET
