"""Recording a pledge signed on paper: every persona × the pledge's state (open for signing, or
a draft) — the pledge page's offer, the paper page, the API and the service agree with
``user.has_perm``; outside the scope, 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.factories_start_of_year import make_pledge
from thidua.accounts.models import User
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.permissions import denial_reason
from thidua.start_of_year.models import Pledge
from thidua.start_of_year.services.signatures import PaperSignature, record_paper_signing

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"start_of_year.record_paper_signing"}
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
PAGE = "/start-of-year/HN-C06/2023/pledge/"


def _api_body(unit: Any) -> dict[str, Any]:
    return {
        "conference_date": "2023-02-15",
        "signatures": [{"organization": unit.pk, "signer_name": "A B", "signer_position": "C"}],
    }


@pytest.mark.parametrize("state", ["open", "draft"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_paper_signing_page_api_and_service_agree(
    world: World, leaders: dict[str, User], persona: str, state: str
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=state == "open")
    pledge = Pledge.objects.get(cluster_year=world.cy)
    user = world.user(persona)
    allowed = user.has_perm("start_of_year.record_paper_signing", pledge)
    client = Client()
    client.force_login(user)
    if world.cy not in set(cluster_years_for_user(user)):
        assert not allowed
        assert client.get(PAGE + "paper/").status_code == 404
        assert client.post(f"/api/v1/pledges/{pledge.pk}/paper-signing/").status_code == 404
        return
    offered = f'href="{PAGE}paper/"' in client.get(PAGE).content.decode()
    assert offered == allowed
    page = client.get(PAGE + "paper/")
    if allowed:
        assert page.status_code == 200 and 'name="conference_date"' in page.content.decode()
    else:
        assert (
            page.status_code == 403
            or denial_reason(user, "start_of_year.record_paper_signing", pledge)
            in page.content.decode()
        )
    response = client.post(
        f"/api/v1/pledges/{pledge.pk}/paper-signing/",
        _api_body(world.head),
        content_type="application/json",
    )
    assert response.status_code == (200 if allowed else 403), response.content
    try:
        record_paper_signing(
            pledge=pledge,
            by=user,
            conference_date=pledge.created.date(),
            signatures=[PaperSignature(world.deputy, "D E", "F")],
        )
        refused = False
    except PermissionDenied as exc:
        refused = True
        assert str(exc) == denial_reason(user, "start_of_year.record_paper_signing", pledge)
    assert refused == (not allowed)
