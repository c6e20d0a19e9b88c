"""Pages run a constant number of SQL queries whatever the number of units and criteria."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, UserFactory
from tests.factories_scoring import build_criteria_set, fresh, wide_spec
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.scoring import panels, selectors
from thidua.scoring.enums import VerificationMode
from thidua.scoring.services import results, sheets, verification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def build(world: World, *, units: int, per_group: int, mode: str = VerificationMode.HEAD) -> Client:
    """``units`` extra member units and ``per_group`` criteria per group, all submitted."""
    cs = build_criteria_set(world.cy, world.secretariat, spec=wide_spec(per_group))
    if mode != VerificationMode.HEAD:
        results.update_round_settings(
            cluster_year=fresh(world.cy), user=world.secretariat, verification_mode=mode,
            aggregation="mean", outlier_mad_k=Decimal(3), outlier_gap_points=Decimal(3),
            bands=[{"label": "Xuất sắc", "min": "90"}], tie_break=["group:I", "penalty"],
        )  # fmt: skip
    table = selectors.criteria_table(cs)
    members = [
        (world.member, world.officer),
        (world.head, world.secretariat),
        (world.deputy, world.deputy_officer),
    ]
    for i in range(units):
        org = ClusterMembershipFactory(cluster_year=world.cy).organization
        members.append(
            (org, UserFactory(username=f"u{i}", role=Role.UNIT_OFFICER, organization=org))
        )
    for n, (org, user) in enumerate(members):
        cy = fresh(world.cy)
        entries = [
            sheets.EntryInput(c.pk, value=c.max_points - Decimal(n % 3)) for c in table.criteria
        ]
        sheets.save_sheet(
            cluster_year=cy, organization=org, user=user, entries=entries,
            expected_version=selectors.sheet_for(cy, org).version,
            self_report="Báo cáo",
        )  # fmt: skip
        sheets.submit_sheet(sheet=selectors.sheet_for(cy, org), user=user)
        if mode == VerificationMode.CROSS:
            for scorer, scorer_user in members[:2]:
                if scorer.pk == org.pk:
                    continue
                verification.save_cross_sheet(
                    cluster_year=cy, scorer=scorer, target=org, user=scorer_user,
                    expected_version=0, values={c.pk: c.max_points for c in table.criteria},
                )  # fmt: skip
                verification.submit_cross_sheet(
                    cluster_year=cy, scorer=scorer, target=org, user=scorer_user
                )
    client = Client()
    client.force_login(world.secretariat)
    client.get("/")  # warm the session
    return client


SIZES = [(1, 1), (6, 5)]  # (extra units, criteria per group)


@pytest.mark.parametrize(("units", "per_group"), SIZES)
def test_ranking_page_queries_do_not_grow(
    world: World, django_assert_num_queries: Any, units: int, per_group: int
) -> None:
    client = build(world, units=units, per_group=per_group)
    with django_assert_num_queries(9):
        response = client.get(reverse("scoring:ranking", args=["HN-C06", 2023]))
    assert response.status_code == 200


@pytest.mark.parametrize(("units", "per_group"), SIZES)
def test_ranking_page_queries_do_not_grow_in_cross_scoring(
    world: World, django_assert_num_queries: Any, units: int, per_group: int
) -> None:
    client = build(world, units=units, per_group=per_group, mode=VerificationMode.CROSS)
    with django_assert_num_queries(10):
        response = client.get(reverse("scoring:ranking", args=["HN-C06", 2023]))
    assert response.status_code == 200


@pytest.mark.parametrize(("units", "per_group"), SIZES)
def test_approved_ranking_page_queries_do_not_grow(
    world: World, django_assert_num_queries: Any, units: int, per_group: int
) -> None:
    client = build(world, units=units, per_group=per_group)
    cy = fresh(world.cy)
    for membership in cy.memberships.all():
        sheet = selectors.sheet_for(cy, membership.organization)
        if sheet.pk and sheet.status == "submitted":
            verifier = (
                world.deputy_officer
                if membership.organization_id == cy.head_id
                else world.secretariat
            )
            verification.verify_sheet(sheet=sheet, user=verifier)
    results.approve_results(cluster_year=fresh(world.cy), user=world.secretariat)
    with django_assert_num_queries(11):
        response = client.get(reverse("scoring:ranking", args=["HN-C06", 2023]))
    assert "Đã phê duyệt" in response.content.decode()


@pytest.mark.parametrize(("units", "per_group"), SIZES)
def test_overview_and_sheet_pages_queries_do_not_grow(
    world: World, django_assert_num_queries: Any, units: int, per_group: int
) -> None:
    client = build(world, units=units, per_group=per_group)
    with django_assert_num_queries(10):
        client.get(reverse("scoring:overview", args=["HN-C06", 2023]))
    # 12: the page no longer reads the unit's deadline for a note only the unit reads (the
    # unit's own "why not" comes from scoring.edit_sheet, which reads it for the unit alone),
    # and reads the adopted set with its groups.
    with django_assert_num_queries(12):
        client.get(reverse("scoring:sheet", args=["HN-C06", 2023, world.member.code]))
    with django_assert_num_queries(9):
        client.get(reverse("scoring:export_xlsx", args=["HN-C06", 2023]))


@pytest.mark.parametrize(("units", "per_group"), SIZES)
def test_cluster_year_section_and_home_panels_take_one_query_each(
    world: World, django_assert_num_queries: Any, units: int, per_group: int
) -> None:
    build(world, units=units, per_group=per_group)
    request = RequestFactory().get("/")
    cy = fresh(world.cy)
    request.user = world.secretariat
    with django_assert_num_queries(1):
        section = panels.cluster_year_section(request, cy)
    with django_assert_num_queries(1):
        waiting = panels.verification_panel(request)
    request.user = User.objects.select_related("organization").get(pk=world.officer.pk)
    with django_assert_num_queries(1):
        pending = panels.pending_sheet_panel(request)
    assert section is not None and section["summary"] == (
        f"{units + 3}/{units + 3} đơn vị đã nộp tự chấm · chưa phê duyệt"
    )
    assert waiting is not None and waiting["summary"] == (
        f"Cụm thi đua số 6 — năm 2023: {units + 3} bảng điểm đã nộp"
    )
    assert pending is None  # the officer's sheet is submitted
