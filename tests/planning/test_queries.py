"""N+1 guards: the same number of queries at two data sizes for lists, pages and sections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from tests.factories_planning import pdf_upload
from thidua.clusters.selectors import cluster_year_detail
from thidua.planning import services
from thidua.planning.enums import MovementKind, PlanKind
from thidua.planning.models import Drive
from thidua.planning.sections import drives_section, plans_section

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    client.get("/")  # warm the session and the user's permissions
    return client


def _movements(world: World, count: int) -> None:
    for n in range(count):
        extra = ClusterYearFactory(cluster__authority=world.authority, year=2023)
        ClusterMembershipFactory(cluster_year=extra)
        services.launch_movement(
            authority=world.authority,
            kind=MovementKind.THEMATIC if n % 2 else MovementKind.REGULAR,
            title=f"Phong trào số {n}",
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2023, 12, 31),
            cluster_years=[world.cy, extra],
            by=world.board,
        )


def _drives(world: World, count: int) -> None:
    members = [world.member, world.deputy, world.head]
    users = {world.member.pk: world.officer, world.deputy.pk: world.deputy_officer}
    for n in range(count):
        drive = services.create_drive(
            cluster_year=world.cy,
            name=f"Đợt {n + 1}",
            starts_on=dt.date(2023, 1 + n, 1),
            ends_on=dt.date(2023, 1 + n, 28),
            report_due_at=timezone.now() + dt.timedelta(days=n + 1),
            by=world.secretariat,
        )
        for unit in members[:2]:
            services.submit_drive_report(
                drive=drive,
                organization=unit,
                summary="Kết quả",
                files=[pdf_upload()],
                by=users[unit.pk],
            )


@pytest.mark.parametrize("count", [1, 3])
def test_movement_list_queries_do_not_grow(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _movements(world, count)
    client = _client(world, "board")
    # session, user, years of cluster years, years of movements, count, page, cluster years
    with django_assert_num_queries(7):
        response = client.get("/planning/movements/")
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_movement_list_queries_for_a_unit_user(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _movements(world, count)
    client = _client(world, "officer")
    # as for the board (the user's unit comes with the user)
    with django_assert_num_queries(7):
        response = client.get("/planning/movements/?kind=regular")
    assert len(response.context["page"].object_list) == (count + 1) // 2


@pytest.mark.parametrize("count", [1, 3])
def test_drives_page_queries_do_not_grow(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _drives(world, count)
    client = _client(world, "secretariat")
    # session, user (with unit), cluster year, members, reports, drives, movements
    with django_assert_num_queries(7):
        response = client.get("/planning/HN-C06/2023/drives/")
    assert [row.report_count for row in response.context["rows"]] == [2] * count


@pytest.mark.parametrize("count", [1, 3])
def test_drive_page_queries_do_not_grow(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _drives(world, count)
    for unit in (world.member, world.deputy, world.head)[:count]:
        services.reopen_drive_report(
            drive=Drive.objects.get(number=1),
            organization=unit,
            until=timezone.now() + dt.timedelta(days=9),
            reason="Thêm thời gian",
            by=world.secretariat,
        )
    client = _client(world, "secretariat")
    # session, user, cluster year, members, drive (with its deadline), reports, evidence,
    # the deadline's extensions, the units of the reopening form
    with django_assert_num_queries(9):
        response = client.get("/planning/HN-C06/2023/drives/1/")
    assert response.context["report_count"] == 2


@pytest.mark.parametrize("count", [1, 3])
def test_sections_run_a_constant_number_of_queries(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _drives(world, count)
    for kind in (PlanKind.WORK_PLAN, PlanKind.RULES):
        version = services.draft_plan_version(
            cluster_year=world.cy, kind=kind, title="Bản", by=world.secretariat
        )
        for _ in range(count - 1):
            services.adopt_plan_version(
                version=version, adopted_on=dt.date(2023, 1, 10), by=world.secretariat
            )
            version = services.draft_plan_version(
                cluster_year=world.cy, kind=kind, title="Bản", by=world.secretariat
            )
    request = RequestFactory().get("/")
    request.user = world.secretariat
    cluster_year = cluster_year_detail(world.secretariat).get(pk=world.cy.pk)
    with django_assert_num_queries(1):
        plans = plans_section(request, cluster_year)
    with django_assert_num_queries(2):
        drives = drives_section(request, cluster_year)
    assert (
        plans["summary"]
        == f"Kế hoạch: bản {count}, chờ thông qua · Quy chế: bản {count}, chờ thông qua"
    )
    assert drives["summary"] == f"{count} đợt · 2/3 đơn vị đã báo cáo đợt 1"
