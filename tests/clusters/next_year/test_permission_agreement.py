"""Opening the next year and recording past heads: every persona × each cluster year × its state
(next year opened or not; a past or the current year) — the page's offer, the view, the API and
the service agree with ``user.has_perm``. Outside the scope: 404 everywhere."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.factories import ClusterYearFactory
from thidua.clusters import services
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.permissions import denial_reason
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"clusters.open_next_year", "clusters.record_past_heads"}
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


def _url(cy: ClusterYear, tail: str) -> str:
    return f"/clusters/{cy.cluster.code}/{cy.year}/{tail}"


def _arrange(world: World, state: str) -> None:
    if state == "next_year_open":
        for cy in (world.cy, world.other_cy):
            ClusterYearFactory(cluster=cy.cluster, year=cy.year + 1)
    if state == "current_year":
        this_year = timezone.localdate().year
        ClusterYear.objects.filter(pk__in=[world.cy.pk, world.other_cy.pk]).update(year=this_year)
        world.cy.refresh_from_db()
        world.other_cy.refresh_from_db()


def _head(cy: ClusterYear) -> Organization:
    return cy.head or cy.memberships.first().organization  # type: ignore[union-attr]


@pytest.mark.parametrize("state", ["fresh", "next_year_open"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_open_next_year_page_api_and_service_agree(world: World, persona: str, state: str) -> None:
    _arrange(world, state)
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for cy in (world.cy, world.other_cy):
        allowed = user.has_perm("clusters.open_next_year", cy)
        api = f"/api/v1/cluster-years/{cy.pk}/next-year/"
        if cy not in visible:
            assert not allowed
            assert client.get(_url(cy, "next-year/")).status_code == 404
            assert client.get(api).status_code == 404
            continue
        offered = f'href="{_url(cy, "next-year/")}"' in client.get(_url(cy, "")).content.decode()
        assert offered == allowed, cy
        page = client.get(_url(cy, "next-year/"))
        who = page.status_code == 200
        assert 'name="members"' in page.content.decode() if allowed else True
        assert who or not allowed
        assert client.get(api).status_code == (200 if allowed else 403)
        try:
            services.open_next_year(cluster_year=cy, members=[], user=user)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "clusters.open_next_year", cy)
        except Exception:
            refused = False
        assert refused == (not allowed), cy


@pytest.mark.parametrize("state", ["fresh", "current_year"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_record_past_heads_page_api_and_service_agree(
    world: World, persona: str, state: str
) -> None:
    _arrange(world, state)
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for cy in (world.cy, world.other_cy):
        allowed = user.has_perm("clusters.record_past_heads", cy)
        form_action = f'action="{_url(cy, "past-heads/")}"'
        head = _head(cy)  # recorded again as it is: the secretariat stays the head's
        post = {"past-status": "chosen", "past-head": head.pk, "past-decision_ref": "BB 01"}
        api = f"/api/v1/cluster-years/{cy.pk}/past-heads/"
        if cy not in visible:
            assert not allowed
            assert client.post(_url(cy, "past-heads/"), post).status_code == 404
            continue
        assert (form_action in client.get(_url(cy, "")).content.decode()) == allowed, cy
        response = client.post(
            api,
            {"status": "chosen", "head": head.pk, "decision_ref": "BB 01"},
            content_type="application/json",
        )
        assert response.status_code == (200 if allowed else 403), cy
        try:
            services.record_past_heads(
                cluster_year=cy, status="chosen", head=head, decision_ref="BB 01", user=user
            )
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "clusters.record_past_heads", cy)
        assert refused == (not allowed), cy
        response = client.post(_url(cy, "past-heads/"), post)
        assert response.status_code == (302 if allowed else 403), cy


def test_the_secretariat_of_a_later_year_keeps_the_records_of_earlier_ones(world: World) -> None:
    earlier = ClusterYearFactory(cluster=world.cy.cluster, year=2021)
    assert world.secretariat.has_perm("clusters.record_past_heads", earlier)
    assert not world.secretariat.has_perm("clusters.open_next_year", world.cy)
