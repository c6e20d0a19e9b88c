"""Who sees a draft criteria set (issue 12, point 7): the cluster's secretariat, the board and the
system administrator; never a member unit, on the pages, in the Excel download and in the API
alike (one rule: ``selectors.criteria_sets_visible_to``). Once adopted, everyone in the cluster
reads it as before."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import CLUSTER_RUNNERS, Personas, World
from tests.factories_scoring import build_criteria_set
from thidua.scoring.models import CriteriaSet
from thidua.scoring.services.criteria import adopt_criteria_set, revise_criteria_set

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DRAFT_NAME = "Bộ tiêu chí dự thảo chưa công bố"
PAGE = "/scoring/HN-C06/2023/criteria/"
API = "/api/v1/scoring/criteria-sets/"
MEMBERS = ["officer", "leader", "deputy_officer"]


@pytest.fixture
def draft(world: World) -> CriteriaSet:
    """The year's only criteria set, still a draft."""
    return build_criteria_set(world.cy, world.secretariat, adopt=False, name=DRAFT_NAME)


@pytest.fixture
def revised(world: World) -> CriteriaSet:
    """Version 1 adopted, version 2 a draft of a change (the case the ``?v=`` link leaked)."""
    adopted = build_criteria_set(world.cy, world.secretariat)
    return revise_criteria_set(criteria_set=adopted, user=world.secretariat, reason="Sửa II.2")


@pytest.mark.parametrize("persona", MEMBERS)
def test_member_unit_cannot_open_a_draft_version_by_its_number(
    personas: Personas, revised: CriteriaSet, persona: str
) -> None:
    client = personas.web(persona)
    assert client.get(PAGE, {"v": revised.version}).status_code == 404
    assert client.get(PAGE.replace("criteria/", "criteria.xlsx"), {"v": 2}).status_code == 404
    page = client.get(PAGE).content.decode()
    assert "?v=2" not in page
    assert client.get(PAGE, {"v": 1}).status_code == 200  # the adopted version, as today


@pytest.mark.parametrize("persona", MEMBERS)
def test_member_unit_does_not_see_a_draft_set_on_the_pages(
    personas: Personas, draft: CriteriaSet, persona: str
) -> None:
    client = personas.web(persona)
    assert DRAFT_NAME not in client.get(PAGE).content.decode()
    assert client.get(PAGE, {"v": draft.version}).status_code == 404
    overview = client.get("/scoring/HN-C06/2023/").content.decode()
    assert "Bộ tiêu chí đang dự thảo" not in overview


@pytest.mark.parametrize("persona", MEMBERS)
def test_member_unit_does_not_get_a_draft_set_from_the_api(
    personas: Personas, draft: CriteriaSet, persona: str
) -> None:
    client = personas.api(persona)
    assert client.get(API).json()["count"] == 0
    assert client.get(f"{API}{draft.pk}/").status_code == 404


@pytest.mark.parametrize("persona", CLUSTER_RUNNERS)
def test_secretariat_board_and_admin_see_a_draft_version_on_the_pages_and_in_the_api(
    personas: Personas, revised: CriteriaSet, persona: str
) -> None:
    client, api = personas.web(persona), personas.api(persona)
    assert client.get(PAGE, {"v": revised.version}).status_code == 200
    assert client.get(PAGE.replace("criteria/", "criteria.xlsx"), {"v": 2}).status_code == 200
    assert "?v=2" in client.get(PAGE).content.decode()
    assert 2 in [r["version"] for r in api.get(API).json()["results"]]
    assert api.get(f"{API}{revised.pk}/").status_code == 200


@pytest.mark.parametrize("persona", CLUSTER_RUNNERS)
def test_secretariat_board_and_admin_see_a_draft_set_before_any_adoption(
    personas: Personas, draft: CriteriaSet, persona: str
) -> None:
    client = personas.web(persona)
    assert DRAFT_NAME in client.get(PAGE).content.decode()
    assert "Bộ tiêu chí đang dự thảo" in client.get("/scoring/HN-C06/2023/").content.decode()
    assert personas.api(persona).get(API).json()["count"] == 1


@pytest.mark.parametrize("persona", MEMBERS)
def test_after_adoption_the_member_unit_reads_the_set_as_before(
    world: World, personas: Personas, draft: CriteriaSet, persona: str
) -> None:
    adopt_criteria_set(criteria_set=draft, user=world.secretariat, adopted_on=dt.date(2023, 2, 15))
    client = personas.web(persona)
    assert DRAFT_NAME in client.get(PAGE).content.decode()
    assert client.get(PAGE, {"v": draft.version}).status_code == 200
    assert personas.api(persona).get(f"{API}{draft.pk}/").status_code == 200
