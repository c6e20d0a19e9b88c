"""Next year's pledge on the conference agenda (``start_of_year.pledge-next-year``): whether next
year is open, where its pledge stands, and its pledge page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from thidua.clusters.agenda import AGENDA_LINKS, AgendaStatus
from thidua.clusters.models import ClusterYear
from thidua.start_of_year.agenda import describe_pledge_next_year, pledge_next_year_url
from thidua.start_of_year.models import Pledge
from thidua.start_of_year.services import pledges, signatures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PLEDGE_2024 = "/start-of-year/HN-C06/2024/pledge/"


def _this_year(world: World) -> ClusterYear:
    """Fresh each time: the link caches its one query on the object."""
    return ClusterYear.objects.select_related("cluster").get(pk=world.cy.pk)


def _open_next_year(world: World, extra_members: int = 0) -> ClusterYear:
    next_year = ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    for unit in (world.head, world.deputy, world.member):
        ClusterMembershipFactory(cluster_year=next_year, organization=unit)
    for _ in range(extra_members):
        ClusterMembershipFactory(cluster_year=next_year)
    return next_year


def _draft_pledge(world: World, next_year: ClusterYear) -> None:
    pledges.create_pledge(cluster_year=next_year, by=world.admin)
    for n in range(3):
        pledges.add_pledge_item(cluster_year=next_year, by=world.admin, text=f"Cam kết {n + 1}")


def _open_pledge(world: World, next_year: ClusterYear) -> Pledge:
    _draft_pledge(world, next_year)
    return pledges.open_pledge(cluster_year=next_year, by=world.admin)


def _sign(pledge: Pledge, *units: Any) -> None:
    for unit in units:
        signatures.import_signature(
            pledge=pledge,
            organization=unit,
            signer_name="Nguyễn Văn A",
            signer_position="Giám đốc",
            signed_at=dt.datetime(2023, 12, 20, 10, tzinfo=dt.UTC),
            source="Hội nghị tổng kết năm 2023",
        )


def test_before_next_year_is_opened_there_is_no_page_to_link(world: World) -> None:
    assert describe_pledge_next_year(_this_year(world)) == AgendaStatus(
        "Chưa mở năm 2024: giao ước năm sau được soạn sau khi mở năm 2024.", done=False
    )
    assert pledge_next_year_url(_this_year(world)) is None


def test_next_year_open_without_a_pledge(world: World) -> None:
    _open_next_year(world)

    assert describe_pledge_next_year(_this_year(world)) == AgendaStatus(
        "Năm 2024 đã mở; chưa có giao ước.", done=False
    )
    assert pledge_next_year_url(_this_year(world)) == PLEDGE_2024


def test_next_years_pledge_being_drafted(world: World) -> None:
    _draft_pledge(world, _open_next_year(world))

    assert describe_pledge_next_year(_this_year(world)) == AgendaStatus(
        "Năm 2024 đã mở; giao ước đang soạn, chưa mở ký.", done=False
    )


def test_next_years_pledge_open_for_signing_counts_the_signatures(world: World) -> None:
    pledge = _open_pledge(world, _open_next_year(world))
    _sign(pledge, world.head, world.member)

    assert describe_pledge_next_year(_this_year(world)) == AgendaStatus(
        "Giao ước năm 2024: phiên bản 1, đã ký 2/3, đang ký", done=False
    )


def test_next_years_pledge_signed_by_every_member_is_done(world: World) -> None:
    pledge = _open_pledge(world, _open_next_year(world))
    _sign(pledge, world.head, world.deputy, world.member)

    assert describe_pledge_next_year(_this_year(world)) == AgendaStatus(
        "Giao ước năm 2024: phiên bản 1, đã ký 3/3, có hiệu lực", done=True
    )


def test_another_clusters_next_year_does_not_count(world: World) -> None:
    ClusterYearFactory(cluster=world.other_cy.cluster, year=2024)

    assert pledge_next_year_url(_this_year(world)) is None


@pytest.mark.parametrize("extra_members", [0, 5])
def test_status_and_page_share_one_query(
    world: World, django_assert_num_queries: Any, extra_members: int
) -> None:
    pledge = _open_pledge(world, _open_next_year(world, extra_members))
    _sign(pledge, world.head)
    cluster_year = _this_year(world)

    with django_assert_num_queries(1):
        status = describe_pledge_next_year(cluster_year)
        url = pledge_next_year_url(cluster_year)

    assert (status.text, url) == (
        f"Giao ước năm 2024: phiên bản 1, đã ký 1/{3 + extra_members}, đang ký",
        PLEDGE_2024,
    )


def test_the_start_of_year_registers_the_link(world: World) -> None:
    link = AGENDA_LINKS.get("start_of_year.pledge-next-year")

    assert link is not None
    assert (str(link.label), link.describe, link.url) == (
        "Giao ước thi đua năm sau",
        describe_pledge_next_year,
        pledge_next_year_url,
    )
